/**
 * Writing the corpus: a batch becomes a new segment and older copies of its papers are masked;
 * compaction merges segments. Every change follows one order — segment files (atomically, under a
 * never-used name), then the manifest (atomically), then deleting files no manifest lists — so a
 * crash at any point leaves the old or the new manifest, each consistent with the files present.
 * Callers hold the data folder's write lock.
 */
import type { StoredPaper } from '../model/paper.ts';
import { cleanStaleTempFiles } from '../store/atomic-write.ts';
import { deleteSegmentFiles, papersDir, segmentName, segmentNamesOnDisk, segmentNumber, serializePapers, writeSegmentFiles } from '../store/segment-files.ts';
import { writeManifest, type Manifest, type SegmentEntry } from '../store/segment-manifest.ts';
import type { LoadedCorpus } from './corpus-loader.ts';
import type { CorpusState, LoadedSegment } from './corpus-state.ts';
import { buildSegmentIndex, loadSegmentIndex, type IndexData } from './segment-index.ts';

export interface PreparedSegment {
  papers: StoredPaper[];
  papersText: string;
  indexText: string;
  index: IndexData;
}

/** Builds a segment in memory; done before taking the lock, as it is the slow part. */
export function prepareSegment(papers: StoredPaper[]): PreparedSegment {
  const file = buildSegmentIndex(papers);
  return { papers, papersText: serializePapers(papers), indexText: JSON.stringify(file), index: loadSegmentIndex(file, papers.length) };
}

/** A name above every segment the manifest or the folder has ever had. */
export async function allocateSegmentName(dir: string, manifest: Manifest): Promise<{ name: string; manifest: Manifest }> {
  const onDisk = await segmentNamesOnDisk(dir);
  const last = onDisk.at(-1);
  const number = Math.max(manifest.nextSegment, last ? segmentNumber(last) + 1 : 1);
  return { name: segmentName(number), manifest: { ...manifest, nextSegment: number + 1 } };
}

/** Files of segments no manifest lists: left by a writer that died before its manifest was written. */
async function removeOrphans(dir: string, manifest: Manifest): Promise<void> {
  const listed = new Set(manifest.segments.map((s) => s.name));
  for (const name of await segmentNamesOnDisk(dir)) if (!listed.has(name)) await deleteSegmentFiles(dir, name);
  cleanStaleTempFiles(dir);
}

async function writeState(
  dataDir: string,
  current: LoadedCorpus,
  manifest: Manifest,
  added: { name: string; segment: LoadedSegment } | null,
  dropped: readonly string[],
): Promise<LoadedCorpus> {
  const dir = papersDir(dataDir);
  const raw = await writeManifest(dir, manifest);
  const segments = new Map(current.segments);
  for (const name of dropped) segments.delete(name);
  if (added) segments.set(added.name, added.segment);
  for (const name of dropped) await deleteSegmentFiles(dir, name);
  return { manifest, raw, segments };
}

async function addSegment(dir: string, manifest: Manifest, prepared: PreparedSegment) {
  const allocated = await allocateSegmentName(dir, manifest);
  const bytes = await writeSegmentFiles(dir, allocated.name, prepared.papersText, prepared.indexText);
  const entry: SegmentEntry = { name: allocated.name, papers: prepared.papers.length, bytes, masked: [] };
  const segment: LoadedSegment = { name: allocated.name, papers: prepared.papers, index: prepared.index };
  return { manifest: allocated.manifest, entry, segment };
}

/**
 * Masks every live copy of the `gone` ids and adds the prepared segment (whose papers are live).
 * Returns null when nothing would change.
 */
export async function writeCommit(
  dataDir: string,
  current: LoadedCorpus,
  state: CorpusState,
  prepared: PreparedSegment | null,
  gone: ReadonlySet<string>,
): Promise<LoadedCorpus | null> {
  const dir = papersDir(dataDir);
  const newlyMasked = new Map<string, string[]>();
  for (const id of gone) {
    const name = state.segmentOf(id);
    if (name !== undefined) newlyMasked.set(name, [...(newlyMasked.get(name) ?? []), id]);
  }
  if (prepared === null && newlyMasked.size === 0) return null;
  await removeOrphans(dir, current.manifest);
  const segments: SegmentEntry[] = [];
  const dropped: string[] = [];
  for (const entry of current.manifest.segments) {
    const masked = newlyMasked.get(entry.name) ?? [];
    if (state.liveCount(entry.name) === masked.length) dropped.push(entry.name);
    else segments.push(masked.length === 0 ? entry : { ...entry, masked: [...entry.masked, ...masked] });
  }
  let manifest: Manifest = { ...current.manifest, segments };
  let added: { name: string; segment: LoadedSegment } | null = null;
  if (prepared !== null && prepared.papers.length > 0) {
    const result = await addSegment(dir, manifest, prepared);
    manifest = { ...result.manifest, segments: [...segments, result.entry] };
    added = { name: result.entry.name, segment: result.segment };
  }
  return writeState(dataDir, current, manifest, added, dropped);
}

/** Segments below this many live papers are merged by a default compaction. */
export const SMALL_SEGMENT = 1000;

export interface CompactionPlan {
  /** The segments to merge, oldest first. */
  chosen: SegmentEntry[];
  /** Their live papers, in order: the merged segment's content. */
  papers: StoredPaper[];
}

/**
 * Picks small segments, and segments that are mostly masked (`all`: every segment), for merging
 * into one. Returns null when there is nothing worth merging.
 */
export function planCompaction(manifest: Manifest, state: CorpusState, all: boolean): CompactionPlan | null {
  const chosen = manifest.segments.filter((entry) => {
    const live = state.liveCount(entry.name);
    return all || live < SMALL_SEGMENT || live * 2 <= entry.papers;
  });
  if (chosen.length < 2 && !chosen.some((entry) => entry.masked.length > 0)) return null;
  const names = new Set(chosen.map((entry) => entry.name));
  return { chosen, papers: state.all().filter((paper) => names.has(state.segmentOf(paper.id) ?? '')) };
}

/** The merged segment takes the place of the newest segment it replaces. */
export async function writeCompaction(dataDir: string, current: LoadedCorpus, plan: CompactionPlan, prepared: PreparedSegment | null): Promise<LoadedCorpus> {
  const dir = papersDir(dataDir);
  await removeOrphans(dir, current.manifest);
  const names = new Set(plan.chosen.map((entry) => entry.name));
  const newest = plan.chosen.at(-1)?.name;
  let manifest: Manifest = current.manifest;
  let added: { name: string; segment: LoadedSegment } | null = null;
  let replacement: SegmentEntry[] = [];
  if (prepared !== null && prepared.papers.length > 0) {
    const result = await addSegment(dir, manifest, prepared);
    manifest = result.manifest;
    added = { name: result.entry.name, segment: result.segment };
    replacement = [result.entry];
  }
  const segments = current.manifest.segments.flatMap((entry) => (entry.name === newest ? replacement : names.has(entry.name) ? [] : [entry]));
  return writeState(dataDir, current, { ...manifest, segments }, added, [...names]);
}
