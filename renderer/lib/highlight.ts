/** Search-match positions (`[start, length]` into a field's text) turned into marked slices. */
import type { FieldMatch } from '../api/types.ts';

export type Range = readonly [start: number, end: number];

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Positions are UTF-16 offsets into the field's original text (the core maps them back after case
 * folding). Given the text, a range is kept inside it and never cuts an emoji or other astral
 * character in half, whatever sent the positions.
 */
function fitted(start: number, end: number, text: string | undefined): [number, number] | null {
  if (text === undefined) return [start, end];
  let from = Math.min(start, text.length);
  let to = Math.min(end, text.length);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to > 0 && to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return to > from ? [from, to] : null;
}

/** The merged, sorted `[start, end)` ranges of one field's matches (fitted to `text` when given). */
export function fieldRanges(matches: readonly FieldMatch[] | undefined, field: FieldMatch['field'], text?: string): Range[] {
  const ranges: Array<[number, number]> = [];
  for (const match of matches ?? []) {
    if (match.field !== field) continue;
    for (const [start, length] of match.positions) {
      const range = length > 0 && start >= 0 ? fitted(start, start + length, text) : null;
      if (range) ranges.push(range);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export interface Slice {
  start: number;
  end: number;
  marked: boolean;
}

/** Cuts `[start, end)` into marked and unmarked slices along the ranges. */
export function sliceByRanges(start: number, end: number, ranges: readonly Range[]): Slice[] {
  const slices: Slice[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const markFrom = Math.max(from, at);
    if (markFrom > at) slices.push({ start: at, end: markFrom, marked: false });
    const markTo = Math.min(to, end);
    slices.push({ start: markFrom, end: markTo, marked: true });
    at = markTo;
  }
  if (at < end) slices.push({ start: at, end, marked: false });
  return slices;
}

export function overlaps(ranges: readonly Range[], start: number, end: number): boolean {
  return ranges.some(([from, to]) => from < end && to > start);
}
