/**
 * Opens the corpus from `papers/`: reads the manifest, loads each segment's papers and its saved
 * index (never rebuilt when intact), and has what is damaged repaired (corpus-repair.ts). A manifest
 * or index written by a newer Papershelf is refused with NewerFormatError before anything is
 * touched: it is not damage, and moving or rebuilding it would lose what that version wrote.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { PapershelfError } from '../../model/errors.ts';
import type { StoredPaper } from '../../model/paper.ts';
import { ensurePrivateDir } from '../../store/disk-errors.ts';
import { checksum, papersDir, readIfExists, segmentPaths } from '../../store/segment-files.ts';
import { emptyManifest, LEGACY_MANIFEST_VERSION, readManifest, type Manifest, type SegmentEntry } from '../../store/segment-manifest.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import { upgradeLegacyCorpus, upgradeOutdatedSegments, type PrepareSegments } from './corpus-upgrade.ts';
import { checkPapers, rebuildManifest, refuseNewerManifest, repairSegments, type Damage } from './corpus-repair.ts';
import type { LoadedSegment, StateEntry } from './corpus-state.ts';
import type { UnionInfo } from './corpus-union.ts';
import { PaperLines } from './paper-lines.ts';
import { PAPER_FIELDS } from '../analysis/fields.ts';
import { decodeSegmentIndex, OutdatedIndexError } from '../index/segment-index-codec.ts';
import { SegmentIndexError } from '../index/segment-index.ts';

export interface LoadedCorpus {
  manifest: Manifest;
  /** The manifest's text, which identifies this state; null when there is none yet. */
  raw: string | null;
  /** The segments the manifest lists, by name. */
  segments: Map<string, LoadedSegment>;
  /** A synced data folder: where each segment comes from and when its lines were committed. */
  union?: UnionInfo;
}

/** The loaded segments in manifest order, as CorpusState takes them. */
export function stateEntries(loaded: LoadedCorpus): StateEntry[] {
  const times = loaded.union?.times;
  return loaded.manifest.segments.map((entry) => ({ entry, segment: loaded.segments.get(entry.name)!, time: times?.get(entry.name) }));
}

/** Concurrent writers can change the manifest under a reader; beyond this, something is wrong. */
const MAX_ATTEMPTS = 8;

function sameIds(papers: readonly StoredPaper[], ids: readonly string[]): boolean {
  return papers.length === ids.length && papers.every((paper, i) => paper.id === ids[i]);
}

/**
 * `withPapers` false loads the index alone (the search worker needs no paper bodies), but the paper
 * file's checksum is still checked: no query is ever answered from a damaged segment. Such a reader
 * cannot re-index, so it searches an outdated index as it is until the writer has upgraded it.
 */
export async function loadSegment(dir: string, entry: SegmentEntry, withPapers = true): Promise<LoadedSegment | Damage> {
  const paths = segmentPaths(dir, entry.name);
  if (withPapers) return loadSegmentFiles(paths, entry, await readIfExists(paths.papers), null);
  // Kept open: the search process reads single papers from it later (paper-lines.ts).
  const handle = await openIfExists(paths.papers);
  if (handle === null) return { detail: 'its paper file is missing', readable: [] };
  let loaded: LoadedSegment | Damage | null = null;
  try {
    const bytes = await handle.readFile();
    loaded = await loadSegmentFiles(paths, entry, bytes, PaperLines.of(handle, bytes));
    return loaded;
  } finally {
    if (loaded === null || isDamage(loaded)) await handle.close();
  }
}

async function openIfExists(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function loadSegmentFiles(
  paths: ReturnType<typeof segmentPaths>,
  entry: SegmentEntry,
  papersFile: Buffer | null,
  lines: PaperLines | null,
): Promise<LoadedSegment | Damage> {
  const withPapers = lines === null;
  let papers: StoredPaper[] | null = null;
  if (papersFile === null) return { detail: 'its paper file is missing', readable: [] };
  const intact = entry.papersCrc !== undefined && papersFile.length === entry.bytes.papers && checksum(papersFile) === entry.papersCrc;
  if (withPapers || (entry.papersCrc !== undefined && !intact)) {
    const checked = checkPapers(papersFile, entry, intact);
    if (isDamage(checked)) return checked;
    papers = withPapers ? checked : null;
  }
  const readable = papers ?? [];
  const indexFile = await readIfExists(paths.index);
  if (indexFile === null) return { detail: 'its index file is missing', readable };
  if (indexFile.length !== entry.bytes.index) return { detail: 'its index file is damaged (wrong size)', readable };
  try {
    const index = decodeSegmentIndex(indexFile, { papers: entry.papers, fields: PAPER_FIELDS, file: `papers/${entry.name}.idx`, allowOutdated: !withPapers });
    if (papers !== null && !sameIds(papers, index.ids)) return { detail: 'its index file does not match its papers', readable };
    if (lines !== null && lines.count !== index.ids.length) return { detail: 'its index file does not match its papers', readable };
    return lines === null ? { name: entry.name, papers, index } : { name: entry.name, papers, index, lines };
  } catch (error) {
    if (error instanceof OutdatedIndexError) return { detail: `its index is outdated (${error.message})`, readable, outdated: true };
    if (error instanceof SegmentIndexError) return { detail: `its index file is damaged (${error.message})`, readable };
    throw error;
  }
}

export function isDamage<T>(value: T | Damage): value is Damage {
  return typeof value === 'object' && value !== null && 'detail' in value;
}

/**
 * `cache` holds segments already in memory: segment files never change, so a name seen before
 * is reused as is (this is what makes `refresh` after another process's import cheap).
 * `withPapers` false (the search worker) loads indexes only and never writes: a damaged or
 * old-format library is left to the process that holds the papers, and damaged segments are skipped.
 * `prepare` builds the indexes of segments re-indexed for a newer analysis (by default on this thread).
 */
export async function loadCorpus(
  dataDir: string,
  cache: ReadonlyMap<string, LoadedSegment>,
  problems: string[],
  withPapers = true,
  prepare?: PrepareSegments,
): Promise<LoadedCorpus> {
  const dir = papersDir(dataDir);
  // The papers a user collected are theirs alone, like their notes: owner only.
  if (withPapers) ensurePrivateDir(dir);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await readManifest(dir);
    if (read.kind === 'corrupt') refuseNewerManifest(read.raw);
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
    const broken = new Map([...damaged].filter(([, damage]) => !damage.outdated));
    if (broken.size > 0) await withWriteLock(dataDir, () => repairSegments(dataDir, read.raw, broken, problems));
    else await upgradeOutdatedSegments(dataDir, read.raw, new Map([...damaged].map(([name, damage]) => [name, damage.readable])), prepare);
  }
  throw new PapershelfError('internal', 'the library kept changing while it was being opened; try again');
}
