/**
 * Writing the corpus of a synced data folder: a device writes new segments and its manifest only
 * under `sync/devices/<id>/papers/`, in the order segment-writer.ts follows (segment files under new
 * names, then the manifest atomically, then deleting what it no longer lists). A copy of a paper that
 * lives in another device's segment (or in the shared `papers/` base) is never touched: a newer copy
 * written here outranks it by commit time, and a removal is recorded in `removed`, which hides every
 * copy committed before it. Callers hold this device's write lock (`sync/devices/<id>/write.lock`).
 */
import { mkdir } from 'node:fs/promises';
import { deleteSegmentFiles } from '../../store/segment-files.ts';
import type { Manifest } from '../../store/segment-manifest.ts';
import type { LoadedCorpus } from './corpus-loader.ts';
import { deviceDir } from '../../sync/sync-layout.ts';
import { localName, qualifiedName } from './corpus-layout.ts';
import type { MergeTarget } from './corpus-merges.ts';
import type { CorpusState, LoadedSegment } from './corpus-state.ts';
import { loadUnion, type UnionInfo } from './corpus-union.ts';
import { lineTimes, writeDeviceManifest, type DeviceManifest, type DeviceSegmentEntry } from './device-manifest.ts';
import type { CompactionPlan } from './merge-policy.ts';
import { addSegment, removeOrphans, type PreparedSegment } from './segment-writer.ts';

function unionOf(current: LoadedCorpus): UnionInfo {
  if (!current.union) throw new Error('the corpus is not in the synced layout');
  return current.union;
}

/** A commit time after everything this device has read: a copy written now outranks every copy it saw. */
function nextTime(union: UnionInfo): number {
  return Math.max(Date.now(), union.clock + 1, union.own.clock + 1);
}

/** The segment entries of this device's manifest, in union names, for the merge policy. */
export function ownSegments(current: LoadedCorpus): Manifest {
  const union = unionOf(current);
  return { ...current.manifest, segments: current.manifest.segments.filter((entry) => union.origin.get(entry.name)?.source === union.deviceId) };
}

interface Added {
  entry: DeviceSegmentEntry;
  segment: LoadedSegment;
}

async function publish(union: UnionInfo, manifest: DeviceManifest, prepared: PreparedSegment, masked: string[], runs: Array<[number, number]>) {
  const result = await addSegment(union.ownDir, manifest, prepared);
  const entry: DeviceSegmentEntry = { ...result.entry, papersCrc: result.entry.papersCrc ?? 0, masked, runs };
  return { nextSegment: result.manifest.nextSegment, added: { entry, segment: { ...result.segment, name: qualifiedName(union.deviceId, entry.name) } } };
}

/** Writes the manifest, deletes dropped files, and reads the union again (reusing what is loaded). */
async function finish(dataDir: string, current: LoadedCorpus, manifest: DeviceManifest, added: Added[], dropped: string[]): Promise<LoadedCorpus> {
  const union = unionOf(current);
  await writeDeviceManifest(union.ownDir, manifest);
  for (const name of dropped) await deleteSegmentFiles(union.ownDir, name);
  const segments = new Map(current.segments);
  const origin = new Map(union.origin);
  for (const { entry, segment } of added) {
    segments.set(segment.name, segment);
    origin.set(segment.name, { source: union.deviceId, entry });
  }
  return loadUnion(dataDir, union.deviceId, { ...current, segments, union: { ...union, origin } }, true);
}

/**
 * Adds the prepared segments (their papers live) and records `removed` (ids removed, not replaced).
 * `gone` (removed and replaced ids) are masked where this device's own segments hold them.
 */
export async function writeDeviceCommit(
  dataDir: string,
  current: LoadedCorpus,
  state: CorpusState,
  prepared: readonly PreparedSegment[],
  gone: ReadonlySet<string>,
  removed: ReadonlySet<string>,
): Promise<LoadedCorpus | null> {
  const union = unionOf(current);
  if (prepared.every((segment) => segment.papers.length === 0) && removed.size === 0) {
    if (![...gone].some((id) => state.segmentOf(id) !== undefined)) return null;
  }
  const time = nextTime(union);
  const newlyMasked = new Map<string, string[]>();
  for (const id of gone) {
    const where = state.segmentOf(id);
    const from = where === undefined ? undefined : union.origin.get(where);
    if (from?.source === union.deviceId) newlyMasked.set(from.entry.name, [...(newlyMasked.get(from.entry.name) ?? []), id]);
  }
  await mkdir(union.ownDir, { recursive: true, mode: 0o700 });
  await removeOrphans(union.ownDir, union.own);
  const segments: DeviceSegmentEntry[] = [];
  const dropped: string[] = [];
  for (const entry of union.own.segments) {
    const masked = newlyMasked.get(entry.name) ?? [];
    if (masked.length > 0 && entry.masked.length + masked.length >= entry.papers) dropped.push(entry.name);
    else segments.push(masked.length === 0 ? entry : { ...entry, masked: [...entry.masked, ...masked] });
  }
  const removals = union.own.removed.filter((tomb) => !removed.has(tomb.id));
  for (const id of removed) removals.push({ id, at: time });
  let manifest: DeviceManifest = { ...union.own, clock: time, segments, removed: removals };
  const added: Added[] = [];
  for (const segment of prepared) {
    if (segment.papers.length === 0) continue;
    const result = await publish(union, manifest, segment, [], [[segment.papers.length, time]]);
    manifest = { ...manifest, nextSegment: result.nextSegment, segments: [...manifest.segments, result.added.entry] };
    added.push(result.added);
  }
  return finish(dataDir, current, manifest, added, dropped);
}

/** The commit times of the kept lines of the chosen segments, as runs. */
function mergedRuns(union: UnionInfo, plan: CompactionPlan): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const chosen of plan.chosen) {
    const timeOf = lineTimes(union.origin.get(chosen.name)?.entry.runs ?? [[chosen.papers, 0]]);
    const keep = plan.keep.get(chosen.name)!;
    for (let line = 0; line < keep.length; line++) {
      if (keep[line] !== 1) continue;
      const time = timeOf(line);
      const last = runs.at(-1);
      if (last && last[1] === time) last[0]++;
      else runs.push([1, time]);
    }
  }
  return runs;
}

/**
 * Replaces the plan's segments (this device's own) by the merged one, placed where the newest of
 * them was; each paper keeps its commit time. Null when one of them is gone from the manifest.
 */
export async function writeDeviceMerge(dataDir: string, current: LoadedCorpus, plan: CompactionPlan, prepared: PreparedSegment | null): Promise<LoadedCorpus | null> {
  const union = unionOf(current);
  const local = new Map(plan.chosen.map((entry) => [union.origin.get(entry.name)?.entry.name ?? '', entry.name]));
  const own = new Map(union.own.segments.map((entry) => [entry.name, entry]));
  if (![...local.keys()].every((name) => own.has(name))) return null;
  await removeOrphans(union.ownDir, union.own);
  let manifest: DeviceManifest = union.own;
  let replacement: DeviceSegmentEntry[] = [];
  const added: Added[] = [];
  if (prepared !== null && prepared.papers.length > 0) {
    const merged = new Set(prepared.papers.map((paper) => paper.id));
    // Kept papers were live when planned; any the manifest masks now were replaced or removed since.
    const since = [...local.keys()].flatMap((name) => own.get(name)!.masked).filter((id) => merged.has(id));
    const result = await publish(union, manifest, prepared, [...new Set(since)], mergedRuns(union, plan));
    manifest = { ...manifest, nextSegment: result.nextSegment };
    replacement = [result.added.entry];
    added.push(result.added);
  }
  const newest = union.origin.get(plan.chosen.at(-1)?.name ?? '')?.entry.name;
  const segments = union.own.segments.flatMap((entry) => (entry.name === newest ? replacement : local.has(entry.name) ? [] : [entry]));
  return finish(dataDir, current, { ...manifest, segments }, added, [...local.keys()]);
}

/** Background and explicit merges of a synced folder: this device's own segments only, under its own lock. */
export function deviceMergeTarget(dataDir: string, union: UnionInfo): MergeTarget {
  return {
    lockDir: deviceDir(dataDir, union.deviceId),
    dir: union.ownDir,
    mergeable: ownSegments,
    fileName: localName,
    write: (current, plan, prepared) => writeDeviceMerge(dataDir, current, plan, prepared),
  };
}
