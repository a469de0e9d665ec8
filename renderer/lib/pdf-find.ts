/**
 * Find in a PDF: matches are looked for in each page's text as pdf.js gives it (its text items, joined),
 * case-insensitively, and mapped back to the items so the text layer's spans can be marked, also when
 * a match runs across two items. Matches are listed page by page, in reading order.
 */

export interface FindMatch {
  /** 1-based page number. */
  page: number;
  /** Offsets in the page's joined text. */
  start: number;
  end: number;
}

/** A part of one text item (one span of the text layer) that a match covers. */
export interface ItemRange {
  item: number;
  from: number;
  to: number;
}

/** Lower case, character for character, so offsets in the folded text are offsets in the original. */
export function foldCase(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

/** Non-overlapping matches of `query` in `text`, as [start, end) offsets. */
export function findInText(text: string, query: string): Array<[number, number]> {
  const needle = foldCase(query);
  if (needle.trim() === '') return [];
  const haystack = foldCase(text);
  const found: Array<[number, number]> = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    found.push([at, at + needle.length]);
  }
  return found;
}

/** Every match of `query` in the pages (their text items), page by page. */
export function findInPages(pages: ReadonlyArray<readonly string[]>, query: string): FindMatch[] {
  const matches: FindMatch[] = [];
  pages.forEach((items, index) => {
    for (const [start, end] of findInText(items.join(''), query)) matches.push({ page: index + 1, start, end });
  });
  return matches;
}

/** The parts of the items that the offsets [start, end) of their joined text cover. */
export function itemRanges(items: readonly string[], start: number, end: number): ItemRange[] {
  const ranges: ItemRange[] = [];
  let offset = 0;
  items.forEach((text, item) => {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + text.length);
    if (from < to) ranges.push({ item, from: from - offset, to: to - offset });
    offset += text.length;
  });
  return ranges;
}

export const HIT_CLASS = 'pdf-find-hit';
export const CURRENT_HIT_CLASS = 'pdf-find-current';

/**
 * Marks the matches in a rendered text layer: each span's text is rebuilt from its item's string as
 * text nodes and <mark> elements (never markup from the PDF). `current` is the index, among
 * `matches`, of the match to show as the current one.
 */
export function markMatches(spans: readonly HTMLElement[], items: readonly string[], matches: readonly FindMatch[], current: number): void {
  const perItem = new Map<number, Array<ItemRange & { current: boolean }>>();
  matches.forEach((match, index) => {
    for (const range of itemRanges(items, match.start, match.end)) {
      const list = perItem.get(range.item) ?? [];
      list.push({ ...range, current: index === current });
      perItem.set(range.item, list);
    }
  });
  spans.forEach((span, item) => {
    const text = items[item] ?? '';
    const ranges = perItem.get(item);
    if (!ranges) {
      if (span.childElementCount > 0) span.textContent = text;
      return;
    }
    const parts: Node[] = [];
    let at = 0;
    for (const range of ranges.sort((a, b) => a.from - b.from)) {
      if (range.from > at) parts.push(document.createTextNode(text.slice(at, range.from)));
      const mark = document.createElement('mark');
      mark.className = range.current ? `${HIT_CLASS} ${CURRENT_HIT_CLASS}` : HIT_CLASS;
      mark.textContent = text.slice(range.from, range.to);
      parts.push(mark);
      at = range.to;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    span.replaceChildren(...parts);
  });
}
