/**
 * Writing the corpus: a batch becomes a new segment and older copies of its papers are masked;
 * compaction merges segments. Every change follows one order — segment files (atomically, under a
 * never-used name), then the manifest (atomically), then deleting files no manifest lists — so a
 * crash at any point leaves the old or the new manifest, each consistent with the files present.
 * Callers hold the data folder's write lock.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { cleanStaleTempFiles } from '../../store/atomic-write.ts';
import {
  deleteSegmentFiles,
  discardStagedSegment,
  papersDir,
  publishStagedSegment,
  segmentName,
  segmentNamesOnDisk,
  segmentNumber,
  serializePapers,
  stageSegmentFiles,
  type StagedSegment,
} from '../../store/segment-files.ts';
import { writeManifest, type Manifest, type SegmentEntry } from '../../store/segment-manifest.ts';
import type { LoadedCorpus } from './corpus-loader.ts';
import type { CorpusState, LoadedSegment } from './corpus-state.ts';
import type { CompactionPlan } from './merge-policy.ts';
import { encodeSegmentIndex } from '../index/segment-index-codec.ts';
import { buildPaperIndex } from '../index/segment-index-build.ts';
import type { SegmentIndex } from '../index/segment-index.ts';

/** A segment built and written under temporary names, waiting to be published under the lock. */
export interface PreparedSegment {
  papers: StoredPaper[];
  index: SegmentIndex;
  staged: StagedSegment;
}

/** Builds a segment and stages its files; done before taking the lock, as it is the slow part. */
export async function prepareSegment(dir: string, papers: StoredPaper[]): Promise<PreparedSegment> {
  const index = buildPaperIndex(papers);
  return { papers, index, staged: await stageSegmentFiles(dir, serializePapers(papers), encodeSegmentIndex(index)) };
}

/** Removes the staged files of segments that were not published (the commit failed or was not needed). */
export async function discardPrepared(prepared: readonly PreparedSegment[]): Promise<void> {
  for (const segment of prepared) await discardStagedSegment(segment.staged);
}

/**
 * A big import becomes several segments of at most this many papers: the newest papers then load
 * (and answer queries) first, and building one segment never holds a whole library's postings.
 */
export const SEGMENT_CHUNK = 5000;

export async function prepareSegments(dir: string, papers: StoredPaper[]): Promise<PreparedSegment[]> {
  const prepared: PreparedSegment[] = [];
  try {
    for (let i = 0; i < papers.length; i += SEGMENT_CHUNK) prepared.push(await prepareSegment(dir, papers.slice(i, i + SEGMENT_CHUNK)));
  } catch (error) {
    await discardPrepared(prepared);
    throw error;
  }
  return prepared;
}

/** A name above every segment the manifest or the folder has ever had. */
export async function allocateSegmentName<M extends Pick<Manifest, 'nextSegment'>>(dir: string, manifest: M): Promise<{ name: string; manifest: M }> {
  const onDisk = await segmentNamesOnDisk(dir);
  const last = onDisk.at(-1);
  const number = Math.max(manifest.nextSegment, last ? segmentNumber(last) + 1 : 1);
  return { name: segmentName(number), manifest: { ...manifest, nextSegment: number + 1 } };
}

/** Files of segments no manifest lists: left by a writer that died before its manifest was written. */
export async function removeOrphans(dir: string, manifest: Pick<Manifest, 'segments'>): Promise<void> {
  const listed = new Set(manifest.segments.map((s) => s.name));
  for (const name of await segmentNamesOnDisk(dir)) if (!listed.has(name)) await deleteSegmentFiles(dir, name);
  cleanStaleTempFiles(dir);
}

async function writeState(
  dataDir: string,
  current: LoadedCorpus,
  manifest: Manifest,
  added: ReadonlyArray<{ name: string; segment: LoadedSegment }>,
  dropped: readonly string[],
): Promise<LoadedCorpus> {
  const dir = papersDir(dataDir);
  const raw = await writeManifest(dir, manifest);
  const segments = new Map(current.segments);
  for (const name of dropped) segments.delete(name);
  for (const { name, segment } of added) segments.set(name, segment);
  for (const name of dropped) await deleteSegmentFiles(dir, name);
  return { manifest, raw, segments };
}

export async function addSegment<M extends Pick<Manifest, 'nextSegment'>>(dir: string, manifest: M, prepared: PreparedSegment) {
  const allocated = await allocateSegmentName(dir, manifest);
  const written = await publishStagedSegment(dir, prepared.staged, allocated.name);
  const entry: SegmentEntry = { name: allocated.name, papers: prepared.papers.length, bytes: written.bytes, papersCrc: written.papersChecksum, masked: [] };
  const segment: LoadedSegment = { name: allocated.name, papers: prepared.papers, index: prepared.index };
  return { manifest: allocated.manifest, entry, segment };
}

/**
 * Masks every live copy of the `gone` ids and adds the prepared segments (whose papers are live).
 * Returns null when nothing would change.
 */
export async function writeCommit(
  dataDir: string,
  current: LoadedCorpus,
  state: CorpusState,
  prepared: readonly PreparedSegment[],
  gone: ReadonlySet<string>,
): Promise<LoadedCorpus | null> {
  const dir = papersDir(dataDir);
  const newlyMasked = new Map<string, string[]>();
  for (const id of gone) {
    const name = state.segmentOf(id);
    if (name !== undefined) newlyMasked.set(name, [...(newlyMasked.get(name) ?? []), id]);
  }
  if (prepared.length === 0 && newlyMasked.size === 0) return null;
  await removeOrphans(dir, current.manifest);
  const segments: SegmentEntry[] = [];
  const dropped: string[] = [];
  for (const entry of current.manifest.segments) {
    const masked = newlyMasked.get(entry.name) ?? [];
    if (state.liveCount(entry.name) === masked.length) dropped.push(entry.name);
    else segments.push(masked.length === 0 ? entry : { ...entry, masked: [...entry.masked, ...masked] });
  }
  let manifest: Manifest = { ...current.manifest, segments };
  const added: Array<{ name: string; segment: LoadedSegment }> = [];
  for (const segment of prepared) {
    if (segment.papers.length === 0) continue;
    const result = await addSegment(dir, manifest, segment);
    manifest = { ...result.manifest, segments: [...manifest.segments, result.entry] };
    added.push({ name: result.entry.name, segment: result.segment });
  }
  return writeState(dataDir, current, manifest, added, dropped);
}

/**
 * Replaces the plan's segments by the merged one, placed where the newest of them was. Returns null
 * when another process already merged or dropped one of them. Papers of the chosen segments that
 * commits masked after the plan was made (replaced or removed since) stay masked in the merged one.
 */
export async function writeMerge(dataDir: string, current: LoadedCorpus, plan: CompactionPlan, prepared: PreparedSegment | null): Promise<LoadedCorpus | null> {
  const byName = new Map(current.manifest.segments.map((entry) => [entry.name, entry]));
  if (!plan.chosen.every((entry) => byName.has(entry.name))) return null;
  const dir = papersDir(dataDir);
  await removeOrphans(dir, current.manifest);
  const names = new Set(plan.chosen.map((entry) => entry.name));
  const newest = plan.chosen.at(-1)?.name;
  let manifest: Manifest = current.manifest;
  const added: Array<{ name: string; segment: LoadedSegment }> = [];
  let replacement: SegmentEntry[] = [];
  if (prepared !== null && prepared.papers.length > 0) {
    const merged = new Set(prepared.papers.map((paper) => paper.id));
    const since = plan.chosen.flatMap((entry) => byName.get(entry.name)!.masked.slice(entry.masked.length)).filter((id) => merged.has(id));
    const result = await addSegment(dir, manifest, prepared);
    manifest = result.manifest;
    added.push({ name: result.entry.name, segment: result.segment });
    replacement = [{ ...result.entry, masked: since }];
  }
  const segments = current.manifest.segments.flatMap((entry) => (entry.name === newest ? replacement : names.has(entry.name) ? [] : [entry]));
  return writeState(dataDir, current, { ...manifest, segments }, added, [...names]);
}
