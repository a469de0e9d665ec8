/**
 * Which segments to merge. Imports keep adding small segments (a daily listing is ~50 papers), and
 * every segment costs a little on each query and holds its own copy of common terms, so segments of
 * similar size are merged in the background once there are enough of them (Lucene's tiered policy,
 * simplified): MERGE_WIDTH segments under 1,000 live papers, or MERGE_WIDTH under 10,000, ... and a
 * segment whose papers were mostly replaced is rewritten without them.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { Manifest, SegmentEntry } from '../../store/segment-manifest.ts';
import type { CorpusState } from './corpus-state.ts';

/** Segments below this many live papers are merged by a default (explicit) compaction. */
export const SMALL_SEGMENT = 1000;
/** Size classes of the background policy, in live papers. */
export const MERGE_TIERS = [1_000, 10_000, 100_000];
/** How many segments of one size class make a background merge. */
export const MERGE_WIDTH = 8;
/** A segment with at least this many masked papers, and no more live than masked, is rewritten. */
const MASKED_WORTH_REWRITING = 500;

export interface CompactionPlan {
  /** The segments to merge, oldest first, as the manifest listed them when planned. */
  chosen: SegmentEntry[];
  /** Per chosen segment: 1 for each line whose paper goes into the merged segment. */
  keep: Map<string, Uint8Array>;
  /** Their live papers, in order: the merged segment's content. */
  papers: StoredPaper[];
}

function planFor(chosen: SegmentEntry[], state: CorpusState): CompactionPlan {
  const keep = new Map<string, Uint8Array>();
  const papers: StoredPaper[] = [];
  for (const entry of chosen) {
    const source = state.sourceNamed(entry.name)!;
    const lines = new Uint8Array(source.index.size);
    for (let line = 0; line < lines.length; line++) {
      if (!source.isLive(line)) continue;
      lines[line] = 1;
      papers.push(source.segment.papers![line]!);
    }
    keep.set(entry.name, lines);
  }
  return { chosen, keep, papers };
}

/**
 * Explicit compaction: small or mostly-masked segments (`all`: every segment) into one. Returns null
 * when there is nothing worth merging.
 */
export function planCompaction(manifest: Manifest, state: CorpusState, all: boolean): CompactionPlan | null {
  const chosen = manifest.segments.filter((entry) => {
    const live = state.liveCount(entry.name);
    return all || live < SMALL_SEGMENT || live * 2 <= entry.papers;
  });
  if (chosen.length < 2 && !chosen.some((entry) => entry.masked.length > 0)) return null;
  return planFor(chosen, state);
}

/** The background policy; null when no size class is full and no segment is mostly masked. */
export function planBackgroundMerge(manifest: Manifest, state: CorpusState): CompactionPlan | null {
  const tierOf = (live: number) => {
    const tier = MERGE_TIERS.findIndex((limit) => live < limit);
    return tier < 0 ? MERGE_TIERS.length : tier;
  };
  for (let tier = 0; tier < MERGE_TIERS.length; tier++) {
    const chosen = manifest.segments.filter((entry) => tierOf(state.liveCount(entry.name)) === tier);
    if (chosen.length >= MERGE_WIDTH) return planFor(chosen.slice(0, MERGE_WIDTH), state);
  }
  const worn = manifest.segments.find((entry) => {
    const live = state.liveCount(entry.name);
    return entry.masked.length >= MASKED_WORTH_REWRITING && live <= entry.masked.length;
  });
  return worn ? planFor([worn], state) : null;
}
