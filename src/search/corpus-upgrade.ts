/**
 * Upgrades a library written with manifest version 1 (a Lunr JSON index per segment) to version 2:
 * each segment's papers are re-indexed into `seg-NNNN.idx`, the manifest is rewritten (a copy of the
 * old one goes to backups/ first) and the old index files are deleted. Indexes are derived data, so
 * nothing of the user's is changed. A segment whose papers cannot all be read keeps its entry without
 * an index: opening then reports and repairs it like any damaged segment.
 * Runs under the write lock, and only if the manifest is still the one that was read.
 */
import { unlink } from 'node:fs/promises';
import { copyToBackups } from '../store/backups.ts';
import { checksum, papersDir, parsePapers, readIfExists, segmentPaths, writeSegmentIndex } from '../store/segment-files.ts';
import { LEGACY_MANIFEST_VERSION, manifestPath, MANIFEST_SCHEMA_VERSION, readManifest, writeManifest, type SegmentEntry } from '../store/segment-manifest.ts';
import { encodeSegmentIndex } from './segment-index-codec.ts';
import { buildPaperIndex } from './segment-index-build.ts';

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
