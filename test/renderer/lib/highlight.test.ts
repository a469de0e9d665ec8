import { describe, expect, it } from 'vitest';
import { fieldRanges, overlaps, sliceByRanges } from '../../../renderer/lib/highlight.ts';

describe('search highlights', () => {
  it('merges the positions of one field, ignoring the others', () => {
    const matches = [
      { field: 'abstract' as const, term: 'graph', positions: [[10, 5], [0, 3]] as Array<[number, number]> },
      { field: 'title' as const, term: 'graph', positions: [[4, 5]] as Array<[number, number]> },
      { field: 'abstract' as const, term: 'grap', positions: [[12, 6], [30, 0]] as Array<[number, number]> },
    ];
    expect(fieldRanges(matches, 'abstract')).toEqual([
      [0, 3],
      [10, 18],
    ]);
    expect(fieldRanges(undefined, 'title')).toEqual([]);
  });

  it('cuts a span of text into marked and plain slices', () => {
    expect(sliceByRanges(5, 20, [[0, 7], [10, 12], [18, 30]])).toEqual([
      { start: 5, end: 7, marked: true },
      { start: 7, end: 10, marked: false },
      { start: 10, end: 12, marked: true },
      { start: 12, end: 18, marked: false },
      { start: 18, end: 20, marked: true },
    ]);
    expect(sliceByRanges(0, 4, [])).toEqual([{ start: 0, end: 4, marked: false }]);
    expect(overlaps([[3, 5]], 4, 9)).toBe(true);
    expect(overlaps([[3, 5]], 5, 9)).toBe(false);
  });

  it('keeps ranges inside the text and never cuts an emoji in half', () => {
    const text = 'İ 🚀 Straße';
    const at = (field: 'title', positions: Array<[number, number]>) => fieldRanges([{ field, term: 'x', positions }], field, text);
    expect(at('title', [[0, 1]])).toEqual([[0, 1]]);
    // Half of the rocket (a surrogate pair) marks the whole rocket.
    expect(at('title', [[2, 1]])).toEqual([[2, 4]]);
    expect(at('title', [[3, 1]])).toEqual([[2, 4]]);
    expect(text.slice(...at('title', [[5, 6]])[0]!)).toBe('Straße');
    expect(at('title', [[9, 40]])).toEqual([[9, text.length]]);
    expect(at('title', [[40, 2]])).toEqual([]);
  });
});
