// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CURRENT_HIT_CLASS, findInPages, findInText, foldCase, HIT_CLASS, itemRanges, markMatches } from '../../../renderer/lib/pdf-find.ts';

describe('find in a PDF', () => {
  it('finds every match, case-insensitively, page by page', () => {
    const pages = [['A lattice', ' and a LATTICE.'], ['no match'], ['lat', 'tice across items']];
    expect(findInPages(pages, 'Lattice')).toEqual([
      { page: 1, start: 2, end: 9 },
      { page: 1, start: 16, end: 23 },
      { page: 3, start: 0, end: 7 },
    ]);
    expect(findInPages(pages, '   ')).toEqual([]);
    expect(findInText('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('keeps offsets where lower-casing would change the length', () => {
    expect(foldCase('İx').length).toBe(2);
    expect(findInText('İstanbul X', 'x')).toEqual([[9, 10]]);
  });

  it('maps a match back to the parts of the items it covers', () => {
    expect(itemRanges(['lat', 'tice across'], 0, 7)).toEqual([
      { item: 0, from: 0, to: 3 },
      { item: 1, from: 0, to: 4 },
    ]);
    expect(itemRanges(['ab', '', 'cd'], 1, 3)).toEqual([
      { item: 0, from: 1, to: 2 },
      { item: 2, from: 0, to: 1 },
    ]);
  });

  it('marks matches in the text layer with <mark>, the current one apart, and clears them again', () => {
    const items = ['A lattice', ' <b>lat', 'tice</b>'];
    const spans = items.map((text) => Object.assign(document.createElement('span'), { textContent: text }));
    const matches = findInPages([items], 'lattice');
    markMatches(spans, items, matches, 1);
    expect(spans.map((span) => span.textContent)).toEqual(items);
    const marks = spans.flatMap((span) => [...span.querySelectorAll('mark')]);
    expect(marks.map((mark) => [mark.textContent, mark.className])).toEqual([
      ['lattice', HIT_CLASS],
      ['lat', `${HIT_CLASS} ${CURRENT_HIT_CLASS}`],
      ['tice', `${HIT_CLASS} ${CURRENT_HIT_CLASS}`],
    ]);
    // The PDF's text is text, never markup.
    expect(spans[1]?.querySelector('b')).toBeNull();
    markMatches(spans, items, [], -1);
    expect(spans.every((span) => span.childElementCount === 0)).toBe(true);
    expect(spans.map((span) => span.textContent)).toEqual(items);
  });
});
