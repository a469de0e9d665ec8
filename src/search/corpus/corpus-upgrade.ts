/**
 * Libraries written by older versions, brought up to date on open; indexes are derived data, so
 * nothing of the user's is changed.
 *
 * Upgrades a library written with manifest version 1 (a Lunr JSON index per segment) to version 2:
 * each segment's papers are re-indexed into `seg-NNNN.idx`, the manifest is rewritten (a copy of the
 * old one goes to backups/ first) and the old index files are deleted. Indexes are derived data, so
 * nothing of the user's is changed. A segment whose papers cannot all be read keeps its entry without
 * an index: opening then reports and repairs it like any damaged segment.
 * Runs under the write lock, and only if the manifest is still the one that was read.
 */
import { unlink } from 'node:fs/promises';
import type { StoredPaper } from '../../model/paper.ts';
import { copyToBackups } from '../../store/backups.ts';
import { checksum, deleteSegmentFiles, papersDir, parsePapers, readIfExists, segmentPaths, writeSegmentIndex } from '../../store/segment-files.ts';
import { LEGACY_MANIFEST_VERSION, manifestPath, MANIFEST_SCHEMA_VERSION, readManifest, writeManifest, type SegmentEntry } from '../../store/segment-manifest.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import { encodeSegmentIndex } from '../index/segment-index-codec.ts';
import { buildPaperIndex } from '../index/segment-index-build.ts';
import { addSegment, discardPrepared, prepareSegments, type PreparedSegment } from './segment-writer.ts';

/** Indexes papers into staged segments; SegmentWorker#prepare does it off the event loop. */
export type PrepareSegments = (dir: string, papers: StoredPaper[]) => Promise<PreparedSegment[]>;

async function upgradeSegment(dir: string, entry: SegmentEntry): Promise<SegmentEntry> {
  const paths = segmentPaths(dir, entry.name);
  const papersFile = await readIfExists(paths.papers);
  if (papersFile === null) return { ...entry, bytes: { ...entry.bytes, index: 0 } };
  const parsed = parsePapers(papersFile.toString('utf8'));
  if (parsed.badLines.length > 0 || parsed.papers.length !== entry.papers || papersFile.length !== entry.bytes.papers) {
    return { ...entry, bytes: { ...entry.bytes, index: 0 } };
  }
  const index = await writeSegmentIndex(dir, entry.name, encodeSegmentIndex(buildPaperIndex(parsed.papers)));
  return { ...entry, bytes: { papers: papersFile.length, index }, papersCrc: checksum(papersFile) };
}

export async function upgradeLegacyCorpus(dataDir: string, raw: string): Promise<void> {
  const dir = papersDir(dataDir);
  const read = await readManifest(dir);
  if (read.kind !== 'ok' || read.raw !== raw || read.manifest.schemaVersion !== LEGACY_MANIFEST_VERSION) return;
  copyToBackups(dataDir, manifestPath(dir), `before upgrading the library to manifest version ${MANIFEST_SCHEMA_VERSION}`);
  const segments: SegmentEntry[] = [];
  for (const entry of read.manifest.segments) segments.push(await upgradeSegment(dir, entry));
  await writeManifest(dir, { ...read.manifest, schemaVersion: MANIFEST_SCHEMA_VERSION, segments });
  for (const entry of read.manifest.segments) {
    await unlink(segmentPaths(dir, entry.name).legacyIndex).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/**
 * Re-indexes segments whose index is of an older analysis (OutdatedIndexError): each is replaced by
 * new segments holding its live papers, built before the write lock is taken (`outdated` holds
 * their verified papers; `prepare` may build them in a worker thread), published in its place
 * under the lock if the manifest is still `raw`, and the old files are deleted. New names, as for a
 * merge, because segment files never change: a process that still holds the old index keeps a
 * consistent view until it reads the new manifest. Masked papers are dead copies and are left out.
 * Returns whether the manifest was replaced.
 */
export async function upgradeOutdatedSegments(
  dataDir: string,
  raw: string,
  outdated: ReadonlyMap<string, readonly StoredPaper[]>,
  prepare: PrepareSegments = prepareSegments,
): Promise<boolean> {
  const dir = papersDir(dataDir);
  const initial = await readManifest(dir);
  if (initial.kind !== 'ok' || initial.raw !== raw) return false;
  const prepared = new Map<string, PreparedSegment[]>();
  try {
    for (const entry of initial.manifest.segments) {
      const papers = outdated.get(entry.name);
      if (!papers) continue;
      const masked = new Set(entry.masked);
      const live = papers.filter((paper) => !masked.has(paper.id));
      prepared.set(entry.name, live.length > 0 ? await prepare(dir, live) : []);
    }
    return await withWriteLock(dataDir, async () => {
      const read = await readManifest(dir);
      if (read.kind !== 'ok' || read.raw !== raw) return false;
      let manifest = read.manifest;
      const segments: SegmentEntry[] = [];
      for (const entry of read.manifest.segments) {
        const replacements = prepared.get(entry.name);
        if (!replacements) {
          segments.push(entry);
          continue;
        }
        for (const replacement of replacements) {
          const added = await addSegment(dir, manifest, replacement);
          manifest = added.manifest;
          segments.push(added.entry);
        }
      }
      await writeManifest(dir, { ...manifest, segments });
      for (const name of prepared.keys()) await deleteSegmentFiles(dir, name);
      return true;
    });
  } finally {
    await discardPrepared([...prepared.values()].flat());
  }
}
