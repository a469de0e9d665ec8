/**
 * Opening the papers of a synced data folder: the union of every device's manifest and segments
 * (`sync/devices/<id>/papers/`) and of the shared read-only base `papers/`. What a sync tool leaves
 * behind is absorbed, never repaired: a segment a manifest lists but whose files have not arrived
 * (or arrived cut short) is skipped and looked for again on the next read; a manifest that does not
 * parse (half-copied) is replaced by the last good one read from that device; conflicted copies
 * (`manifest (conflicted copy …).json`, `manifest.sync-conflict-….json`) are never read, as only
 * `manifest.json` is. Nothing here writes.
 *
 * Which copy of a paper is live: each line of a segment has the time its device committed it; the
 * newest copy wins, ties going to the later place in the union's order (commit time, then device
 * id, then the device's own order). A device's removals (`removed`) hide every copy committed before
 * them. Byte-identical segments (same size and checksum: a library migrated on several devices) are
 * loaded once, the reading device's own copy first.
 */
import { readdir } from 'node:fs/promises';
import { PapershelfError } from '../../model/errors.ts';
import { fileSize, papersDir, segmentPaths } from '../../store/segment-files.ts';
import { LEGACY_MANIFEST_VERSION, MANIFEST_SCHEMA_VERSION, readManifest, type Manifest, type SegmentEntry } from '../../store/segment-manifest.ts';
import { isDeviceId } from '../../sync/device-id.ts';
import { devicesRoot } from '../../sync/sync-layout.ts';
import { isDamage, loadSegment, type LoadedCorpus } from './corpus-loader.ts';
import { BASE_SOURCE, qualifiedName } from './corpus-layout.ts';
import type { LoadedSegment } from './corpus-state.ts';
import { loadSegmentSliced } from './segment-load-sliced.ts';
import { devicePapersDir, emptyDeviceManifest, lineTimes, readDeviceManifest, type DeviceManifest, type DeviceSegmentEntry } from './device-manifest.ts';

/** One device's (or the base's) manifest as last read well. */
export interface UnionSource {
  source: string;
  dir: string;
  raw: string | null;
  segments: DeviceSegmentEntry[];
  removed: ReadonlyArray<{ id: string; at: number }>;
}

export interface UnionInfo {
  deviceId: string;
  /** This device's own folder and manifest: what a commit or merge rewrites. */
  ownDir: string;
  own: DeviceManifest;
  ownRaw: string | null;
  sources: Map<string, UnionSource>;
  /** Per union segment: where it comes from and its entry in that manifest. */
  origin: Map<string, { source: string; entry: DeviceSegmentEntry }>;
  /** Per union segment: the commit time of each line. */
  times: Map<string, (line: number) => number>;
  /** The newest commit time in any manifest read. */
  clock: number;
  /** Segments waiting for the sync tool and manifests not read, in words for the user. */
  notices: string[];
}

export function contentKey(entry: DeviceSegmentEntry): string {
  return `${entry.papersCrc}:${entry.bytes.papers}:${entry.bytes.index}:${entry.papers}`;
}

export function lastTime(entry: DeviceSegmentEntry): number {
  return entry.runs.reduce((max, [, time]) => Math.max(max, time), 0);
}

function label(source: string): string {
  return source === BASE_SOURCE ? 'papers/' : `device ${source}`;
}

async function readOwn(dataDir: string, deviceId: string): Promise<{ manifest: DeviceManifest; raw: string | null }> {
  const read = await readDeviceManifest(devicePapersDir(dataDir, deviceId));
  if (read.kind === 'missing') return { manifest: emptyDeviceManifest(deviceId), raw: null };
  if (read.kind === 'unreadable') {
    // Only this device writes it (atomically): damage here is not a sync tool's doing.
    throw new PapershelfError('corrupt-data', `sync/devices/${deviceId}/papers/manifest.json is damaged (${read.detail}); restore it from a backup`);
  }
  return { manifest: read.manifest, raw: read.raw };
}

async function readBase(dataDir: string, previous: UnionSource | undefined, notices: string[]): Promise<UnionSource | null> {
  const read = await readManifest(papersDir(dataDir));
  if (read.kind === 'missing') return null;
  if (read.kind === 'ok' && read.manifest.schemaVersion === MANIFEST_SCHEMA_VERSION) {
    const segments = read.manifest.segments.map((entry) => ({ ...entry, papersCrc: entry.papersCrc ?? -1, runs: [[entry.papers, 0]] as Array<[number, number]> }));
    return { source: BASE_SOURCE, dir: papersDir(dataDir), raw: read.raw, segments, removed: [] };
  }
  const why = read.kind === 'corrupt' ? read.detail : read.manifest.schemaVersion === LEGACY_MANIFEST_VERSION ? 'an older format' : 'unknown format';
  notices.push(`papers/manifest.json was not read (${why})${previous ? '; its last good version is used' : ''}`);
  return previous ?? null;
}

async function readForeign(dataDir: string, deviceId: string, previous: ReadonlyMap<string, UnionSource>, notices: string[]): Promise<UnionSource[]> {
  let names: string[];
  try {
    names = await readdir(devicesRoot(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const sources: UnionSource[] = [];
  for (const name of names.filter((n) => isDeviceId(n) && n !== deviceId).sort()) {
    const dir = devicePapersDir(dataDir, name);
    let read;
    try {
      read = await readDeviceManifest(dir);
    } catch (error) {
      if (!(error instanceof PapershelfError) || error.code !== 'newer-format') throw error;
      notices.push(`the papers of device ${name} are in a newer format; update Papershelf to see them`);
      continue;
    }
    if (read.kind === 'ok') sources.push({ source: name, dir, raw: read.raw, segments: read.manifest.segments, removed: read.manifest.removed });
    else if (read.kind === 'unreadable') {
      const kept = previous.get(name);
      notices.push(`the papers manifest of device ${name} is incomplete (still syncing?)${kept ? '; its last good version is used' : ''}`);
      if (kept) sources.push(kept);
    }
  }
  return sources;
}

/** Whether a listed segment's files are all there at their full size (a sync tool may be mid-copy). */
export async function arrived(dir: string, entry: DeviceSegmentEntry): Promise<boolean> {
  const paths = segmentPaths(dir, entry.name);
  return (await fileSize(paths.papers)) === entry.bytes.papers && (await fileSize(paths.index)) === entry.bytes.index;
}

export function asSegmentEntry(entry: DeviceSegmentEntry): SegmentEntry {
  const { runs: _runs, papersCrc, ...rest } = entry;
  return papersCrc < 0 ? rest : { ...rest, papersCrc };
}

/**
 * Every manifest of the union, this device's first, then the other devices' (by id), then the base.
 * `previous` gives the last good manifest of each source, used where the current one does not parse.
 */
export async function readSources(
  dataDir: string,
  deviceId: string,
  previous: ReadonlyMap<string, UnionSource>,
  notices: string[],
): Promise<{ own: { manifest: DeviceManifest; raw: string | null }; byPreference: UnionSource[]; rankOf: Map<string, number> }> {
  const own = await readOwn(dataDir, deviceId);
  const ownSource: UnionSource = { source: deviceId, dir: devicePapersDir(dataDir, deviceId), raw: own.raw, segments: own.manifest.segments, removed: own.manifest.removed };
  const foreign = await readForeign(dataDir, deviceId, previous, notices);
  const base = await readBase(dataDir, previous.get(BASE_SOURCE), notices);
  const byPreference = [ownSource, ...foreign, ...(base ? [base] : [])];
  // The union's order does not depend on which device reads it: base first, then devices by id.
  const order = [...byPreference].sort((a, b) => (a.source === BASE_SOURCE ? -1 : b.source === BASE_SOURCE ? 1 : a.source < b.source ? -1 : 1));
  return { own, byPreference, rankOf: new Map(order.map((source, i) => [source.source, i])) };
}

/** The newest removal of each id recorded by any source. */
export function removalTimes(sources: readonly UnionSource[]): Map<string, number> {
  const removedAt = new Map<string, number>();
  for (const source of sources) for (const { id, at } of source.removed) removedAt.set(id, Math.max(removedAt.get(id) ?? 0, at));
  return removedAt;
}

/**
 * Reads the union. `previous` (the last union read) lends its loaded segments (segment files never
 * change under one name) and its last good manifests.
 */
export async function loadUnion(dataDir: string, deviceId: string, previous: LoadedCorpus | null, withPapers = true): Promise<LoadedCorpus> {
  const notices: string[] = [];
  const before = previous?.union;
  const { own, byPreference, rankOf } = await readSources(dataDir, deviceId, before?.sources ?? new Map(), notices);
  const ownSource = byPreference[0]!;
  // Own copies first: a segment identical to one already taken is not loaded again.
  const taken = new Set<string>();
  const included: Array<{ qname: string; source: UnionSource; entry: DeviceSegmentEntry; index: number; rank: number }> = [];
  const segments = new Map<string, LoadedSegment>();
  for (const source of byPreference) {
    let waiting = 0;
    for (const [index, entry] of source.segments.entries()) {
      const key = contentKey(entry);
      if (entry.papersCrc >= 0 && taken.has(key)) continue;
      const qname = qualifiedName(source.source, entry.name);
      const cached = previous?.segments.get(qname);
      const sameFiles = cached && before?.origin.get(qname) && contentKey(before.origin.get(qname)!.entry) === key;
      let segment: LoadedSegment | null = sameFiles ? cached : null;
      if (!segment) {
        if (!(await arrived(source.dir, entry))) {
          waiting++;
          continue;
        }
        // A library opening, or reading what another device sent, keeps answering meanwhile.
        const loaded = withPapers ? await loadSegmentSliced(source.dir, asSegmentEntry(entry)) : await loadSegment(source.dir, asSegmentEntry(entry), withPapers);
        if (isDamage(loaded)) {
          // A sync tool may still be writing it: read again next time, never repaired from here.
          notices.push(`${source.source === BASE_SOURCE ? 'papers' : `sync/devices/${source.source}/papers`}/${entry.name} was skipped: ${loaded.detail}`);
          continue;
        }
        segment = { ...loaded, name: qname };
      }
      if (entry.papersCrc >= 0) taken.add(key);
      segments.set(qname, segment);
      included.push({ qname, source, entry, index, rank: rankOf.get(source.source)! });
    }
    if (waiting > 0) notices.push(`waiting for ${waiting} segment${waiting === 1 ? '' : 's'} from ${label(source.source)} (not fully synced yet)`);
  }
  included.sort((a, b) => lastTime(a.entry) - lastTime(b.entry) || a.rank - b.rank || a.index - b.index);

  const removedAt = removalTimes(byPreference);
  let clock = own.manifest.clock;
  for (const at of removedAt.values()) clock = Math.max(clock, at);
  for (const source of byPreference) for (const entry of source.segments) clock = Math.max(clock, lastTime(entry));
  const times = new Map<string, (line: number) => number>();
  const origin = new Map<string, { source: string; entry: DeviceSegmentEntry }>();
  const entries: SegmentEntry[] = included.map(({ qname, source, entry }) => {
    const timeOf = lineTimes(entry.runs);
    times.set(qname, timeOf);
    origin.set(qname, { source: source.source, entry });
    const masked = new Set(entry.masked);
    const extra: string[] = [];
    if (removedAt.size > 0) {
      segments.get(qname)!.index.ids.forEach((id, line) => {
        const at = removedAt.get(id);
        if (at !== undefined && at > timeOf(line) && !masked.has(id)) extra.push(id);
      });
    }
    const { runs: _runs, ...rest } = entry;
    return { ...rest, name: qname, masked: extra.length > 0 ? [...entry.masked, ...extra] : entry.masked };
  });
  const manifest: Manifest = { schemaVersion: MANIFEST_SCHEMA_VERSION, nextSegment: own.manifest.nextSegment, segments: entries };
  const sources = new Map(byPreference.map((source) => [source.source, source]));
  const raw = JSON.stringify([byPreference.map((source) => [source.source, source.raw]), included.map((item) => item.qname)]);
  return {
    manifest,
    raw,
    segments,
    union: { deviceId, ownDir: ownSource.dir, own: own.manifest, ownRaw: own.raw, sources, origin, times, clock, notices },
  };
}
