/**
 * Opens the corpus from `papers/`: reads the manifest, loads each segment's papers and its saved
 * Lunr index (never rebuilt when intact), and repairs what is damaged. Damaged files are moved to
 * `backups/` and reported, never silently dropped: a segment whose papers are readable gets a fresh
 * index; a segment with unreadable lines keeps the readable papers; an unreadable manifest is
 * rebuilt from the segment files present.
 */
import { mkdir } from 'node:fs/promises';
import { PapershelfError } from '../model/errors.ts';
import type { StoredPaper } from '../model/paper.ts';
import { moveToBackups } from '../store/backups.ts';
import { checksum, fileSize, papersDir, parsePapers, readIfExists, segmentNamesOnDisk, segmentNumber, segmentPaths } from '../store/segment-files.ts';
import { emptyManifest, LEGACY_MANIFEST_VERSION, manifestPath, readManifest, writeManifest, type Manifest, type SegmentEntry } from '../store/segment-manifest.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { upgradeLegacyCorpus } from './corpus-upgrade.ts';
import type { LoadedSegment, StateEntry } from './corpus-state.ts';
import { PAPER_FIELDS } from './fields.ts';
import { decodeSegmentIndex } from './segment-index-codec.ts';
import { SegmentIndexError } from './segment-index.ts';
import { addSegment, prepareSegment } from './segment-writer.ts';

export interface LoadedCorpus {
  manifest: Manifest;
  /** The manifest's text, which identifies this state; null when there is none yet. */
  raw: string | null;
  /** The segments the manifest lists, by name. */
  segments: Map<string, LoadedSegment>;
}

/** The loaded segments in manifest order, as CorpusState takes them. */
export function stateEntries(loaded: LoadedCorpus): StateEntry[] {
  return loaded.manifest.segments.map((entry) => ({ entry, segment: loaded.segments.get(entry.name)! }));
}

/** Concurrent writers can change the manifest under a reader; beyond this, something is wrong. */
const MAX_ATTEMPTS = 8;

interface Damage {
  detail: string;
  /** The papers that could still be read, in file order. */
  readable: StoredPaper[];
}

function sameIds(papers: readonly StoredPaper[], ids: readonly string[]): boolean {
  return papers.length === ids.length && papers.every((paper, i) => paper.id === ids[i]);
}

/** `withPapers` false loads the index alone (the search worker needs no paper bodies). */
export async function loadSegment(dir: string, entry: SegmentEntry, withPapers = true): Promise<LoadedSegment | Damage> {
  const paths = segmentPaths(dir, entry.name);
  let papers: StoredPaper[] | null = null;
  if (withPapers) {
    const papersFile = await readIfExists(paths.papers);
    if (papersFile === null) return { detail: 'its paper file is missing', readable: [] };
    const trusted = entry.papersCrc !== undefined && papersFile.length === entry.bytes.papers && checksum(papersFile) === entry.papersCrc;
    const parsed = parsePapers(papersFile.toString('utf8'), trusted);
    if (parsed.badLines.length > 0) {
      const lines = parsed.badLines.slice(0, 5).join(', ') + (parsed.badLines.length > 5 ? '…' : '');
      return { detail: `${parsed.badLines.length} unreadable line(s) in its paper file (line ${lines})`, readable: parsed.papers };
    }
    papers = parsed.papers;
    if (papers.length !== entry.papers || papersFile.length !== entry.bytes.papers) {
      return { detail: 'its paper file was changed outside Papershelf', readable: papers };
    }
  }
  const readable = papers ?? [];
  const indexFile = await readIfExists(paths.index);
  if (indexFile === null) return { detail: 'its index file is missing', readable };
  if (indexFile.length !== entry.bytes.index) return { detail: 'its index file is damaged (wrong size)', readable };
  try {
    const index = decodeSegmentIndex(indexFile, { papers: entry.papers, fields: PAPER_FIELDS });
    if (papers !== null && !sameIds(papers, index.ids)) return { detail: 'its index file does not match its papers', readable };
    return { name: entry.name, papers, index };
  } catch (error) {
    if (error instanceof SegmentIndexError) return { detail: `its index file is damaged (${error.message})`, readable };
    throw error;
  }
}

export function isDamage(value: LoadedSegment | Damage): value is Damage {
  return 'detail' in value;
}

function moveSegmentToBackups(dataDir: string, name: string, reason: string): void {
  const paths = segmentPaths(papersDir(dataDir), name);
  for (const path of [paths.papers, paths.index, paths.legacyIndex]) {
    try {
      moveToBackups(dataDir, path, reason);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Under the write lock, and only if the manifest is still the one the damage was found in. */
async function repairSegments(dataDir: string, raw: string, damaged: Map<string, Damage>, problems: string[]): Promise<void> {
  const dir = papersDir(dataDir);
  const read = await readManifest(dir);
  if (read.kind !== 'ok' || read.raw !== raw) return;
  let manifest = read.manifest;
  const segments: SegmentEntry[] = [];
  for (const entry of manifest.segments) {
    const damage = damaged.get(entry.name);
    if (!damage) {
      segments.push(entry);
      continue;
    }
    moveSegmentToBackups(dataDir, entry.name, damage.detail);
    const masked = new Set(entry.masked);
    const keep = damage.readable.filter((paper) => !masked.has(paper.id));
    const where = `papers/${entry.name}: ${damage.detail}; its files were moved to backups/`;
    if (keep.length === 0) {
      problems.push(`${where}. None of its ${entry.papers} papers could be read: import them again.`);
      continue;
    }
    const added = await addSegment(dir, manifest, await prepareSegment(dir, keep));
    manifest = added.manifest;
    segments.push(added.entry);
    const lost = entry.papers - entry.masked.length - keep.length;
    problems.push(`${where} and ${keep.length} readable papers were re-indexed as ${added.entry.name}${lost > 0 ? `; ${lost} could not be read: import them again` : ''}.`);
  }
  await writeManifest(dir, { ...manifest, segments });
}

/** Under the write lock: replaces an unreadable manifest by one listing every segment on disk. */
async function rebuildManifest(dataDir: string, raw: string, detail: string, problems: string[]): Promise<void> {
  const dir = papersDir(dataDir);
  const read = await readManifest(dir);
  if (read.kind !== 'corrupt' || read.raw !== raw) return;
  moveToBackups(dataDir, manifestPath(dir), `unreadable: ${detail}`);
  const names = await segmentNamesOnDisk(dir);
  const found: Array<{ entry: SegmentEntry; ids: string[] }> = [];
  for (const name of names) {
    const paths = segmentPaths(dir, name);
    const papersFile = await readIfExists(paths.papers);
    if (papersFile === null) continue;
    const parsed = parsePapers(papersFile.toString('utf8'));
    const bytes = { papers: papersFile.length, index: (await fileSize(paths.index)) ?? 0 };
    const papers = parsed.papers.length + parsed.badLines.length;
    found.push({ entry: { name, papers, bytes, masked: [] }, ids: parsed.papers.map((p) => p.id) });
  }
  // The newest copy of a paper is the live one, as it was when each batch was committed.
  const seen = new Set<string>();
  for (const { entry, ids } of [...found].reverse()) {
    entry.masked = ids.filter((id) => seen.has(id));
    for (const id of ids) seen.add(id);
  }
  const segments = found.map((f) => f.entry);
  const last = names.at(-1);
  await writeManifest(dir, { ...emptyManifest(), nextSegment: last ? segmentNumber(last) + 1 : 1, segments });
  problems.push(
    `papers/manifest.json was unreadable (${detail}); it was moved to backups/ and rebuilt from ${segments.length} segment file(s). ` +
      'Papers removed from the library since their import may be back, and so may a batch whose import was interrupted.',
  );
}

/**
 * `cache` holds segments already in memory: segment files never change, so a name seen before
 * is reused as is (this is what makes `refresh` after another process's import cheap).
 * `withPapers` false (the search worker) loads indexes only and never writes: a damaged or
 * old-format library is left to the process that holds the papers, and damaged segments are skipped.
 */
export async function loadCorpus(dataDir: string, cache: ReadonlyMap<string, LoadedSegment>, problems: string[], withPapers = true): Promise<LoadedCorpus> {
  const dir = papersDir(dataDir);
  if (withPapers) await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await readManifest(dir);
    if (read.kind === 'missing' || (!withPapers && (read.kind === 'corrupt' || read.manifest.schemaVersion === LEGACY_MANIFEST_VERSION))) {
      return { manifest: emptyManifest(), raw: null, segments: new Map() };
    }
    if (read.kind === 'corrupt') {
      await withWriteLock(dataDir, () => rebuildManifest(dataDir, read.raw, read.detail, problems));
      continue;
    }
    if (read.manifest.schemaVersion === LEGACY_MANIFEST_VERSION) {
      await withWriteLock(dataDir, () => upgradeLegacyCorpus(dataDir, read.raw));
      continue;
    }
    const segments = new Map<string, LoadedSegment>();
    const damaged = new Map<string, Damage>();
    for (const entry of read.manifest.segments) {
      const loaded = cache.get(entry.name) ?? (await loadSegment(dir, entry, withPapers));
      if (isDamage(loaded)) damaged.set(entry.name, loaded);
      else segments.set(entry.name, loaded);
    }
    if (damaged.size === 0) return { manifest: read.manifest, raw: read.raw, segments };
    if (!withPapers) {
      for (const [name, damage] of damaged) problems.push(`papers/${name} was not searched: ${damage.detail}`);
      return { manifest: { ...read.manifest, segments: read.manifest.segments.filter((e) => segments.has(e.name)) }, raw: read.raw, segments };
    }
    // A compaction in another process may have replaced the manifest and deleted the files we read.
    const again = await readManifest(dir);
    if (again.kind !== 'ok' || again.raw !== read.raw) continue;
    await withWriteLock(dataDir, () => repairSegments(dataDir, read.raw, damaged, problems));
  }
  throw new PapershelfError('internal', 'the library kept changing while it was being opened; try again');
}
