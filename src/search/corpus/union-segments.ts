/**
 * The segment files of a synced data folder as the corpus's union sees them (corpus-union.ts), for
 * readers that keep their own data per segment file (the recommender's features): every device's
 * arrived segments and the base's, identical copies once, in the union's order, with each line's
 * commit time and the removals. `liveMasks` then says which copy of a paper is live by the union's rule.
 */
import type { SegmentEntry } from '../../store/segment-manifest.ts';
import { qualifiedName } from './corpus-layout.ts';
import { arrived, asSegmentEntry, contentKey, lastTime, readSources, removalTimes, type UnionSource } from './corpus-union.ts';
import { lineTimes } from './device-manifest.ts';

export interface UnionSegment {
  /** `<device>/seg-0001`, or `@papers/seg-0001` for the base. */
  qname: string;
  source: string;
  /** The folder holding the segment's files. */
  dir: string;
  /** The entry as its manifest has it (its own name, not the qualified one). */
  entry: SegmentEntry;
  /** Same size and checksum: the same file content, wherever it is. */
  contentKey: string;
  timeOf: (line: number) => number;
}

export interface UnionSegments {
  /** Changes whenever a manifest changes or a segment arrives. */
  raw: string;
  /** Oldest first, as the union orders them. */
  segments: UnionSegment[];
  removedAt: Map<string, number>;
  sources: Map<string, UnionSource>;
  notices: string[];
}

/** Reads every manifest of the union; `previous` lends the last good manifest of a source that does not parse now. */
export async function unionSegments(dataDir: string, deviceId: string, previous: ReadonlyMap<string, UnionSource> = new Map()): Promise<UnionSegments> {
  const notices: string[] = [];
  const { byPreference, rankOf } = await readSources(dataDir, deviceId, previous, notices);
  const taken = new Set<string>();
  const included: Array<{ segment: UnionSegment; last: number; rank: number; index: number }> = [];
  for (const source of byPreference) {
    for (const [index, entry] of source.segments.entries()) {
      const key = contentKey(entry);
      if (entry.papersCrc >= 0 && taken.has(key)) continue;
      if (!(await arrived(source.dir, entry))) continue;
      if (entry.papersCrc >= 0) taken.add(key);
      const segment: UnionSegment = {
        qname: qualifiedName(source.source, entry.name),
        source: source.source,
        dir: source.dir,
        entry: asSegmentEntry(entry),
        contentKey: key,
        timeOf: lineTimes(entry.runs),
      };
      included.push({ segment, last: lastTime(entry), rank: rankOf.get(source.source) ?? 0, index });
    }
  }
  included.sort((a, b) => a.last - b.last || a.rank - b.rank || a.index - b.index);
  const raw = JSON.stringify([byPreference.map((source) => [source.source, source.raw]), included.map((item) => item.segment.qname)]);
  return {
    raw,
    segments: included.map((item) => item.segment),
    removedAt: removalTimes(byPreference),
    sources: new Map(byPreference.map((source) => [source.source, source])),
    notices,
  };
}

/**
 * Per segment (in `segments`' order), the ids whose copy there is not live: masked by its manifest,
 * hidden by a removal committed after it, or beaten by another copy (newer commit, ties to the later
 * segment), so that every paper has at most one live copy.
 */
export function liveMasks(segments: ReadonlyArray<{ segment: UnionSegment; ids: readonly string[] }>, removedAt: ReadonlyMap<string, number>): Set<string>[] {
  const masks = segments.map(({ segment }) => new Set(segment.entry.masked));
  const best = new Map<string, { at: number; time: number }>();
  segments.forEach(({ segment, ids }, at) => {
    const mask = masks[at]!;
    ids.forEach((id, line) => {
      if (mask.has(id)) return;
      const time = segment.timeOf(line);
      if ((removedAt.get(id) ?? -1) > time) {
        mask.add(id);
        return;
      }
      const current = best.get(id);
      // Later segments come later in the order: on equal times they win.
      if (current && current.time > time) {
        mask.add(id);
        return;
      }
      if (current) masks[current.at]!.add(id);
      best.set(id, { at, time });
    });
  });
  return masks;
}
