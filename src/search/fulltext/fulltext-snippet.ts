/**
 * Where a PDF matched: the first page holding one of the query's phrases (else one of its words),
 * and a snippet of that page around the first match, with highlight offsets into the snippet
 * (`[start, length]`, like a field's match positions).
 */
import { forEachTerm } from '../analysis/text-terms.ts';
import { LowerCaseOffsets, narrow } from '../query/matches.ts';
import { containsPhrase, type Phrase } from '../query/phrase.ts';

export interface PdfMatch {
  /** 1 for the first page. */
  page: number;
  snippet: string;
  positions: Array<[number, number]>;
}

const BEFORE = 80;
const AFTER = 160;

function positionsIn(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  const offsets = new LowerCaseOffsets(text);
  const found: Array<[number, number]> = [];
  forEachTerm(text, (term, start, length) => {
    if (term === null || !terms.has(term)) return;
    const [from, size] = narrow(offsets.lower, start, length);
    found.push(offsets.toOriginal(from, size));
  });
  return found;
}

/** Starts and ends on a word boundary, whitespace made single spaces (offsets kept). */
function window(text: string, at: number): [number, number] {
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(text.length, at + AFTER);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return [start, end];
}

export function pdfMatchOf(pages: readonly string[], terms: ReadonlySet<string>, phrases: readonly Phrase[]): PdfMatch | null {
  let chosen = -1;
  if (phrases.length > 0) chosen = pages.findIndex((page) => phrases.some((phrase) => containsPhrase(page, phrase.keys, phrase.probe)));
  let positions: Array<[number, number]> = [];
  if (chosen >= 0) positions = positionsIn(pages[chosen]!, terms);
  else {
    for (let p = 0; p < pages.length && positions.length === 0; p++) {
      positions = positionsIn(pages[p]!, terms);
      chosen = p;
    }
  }
  if (positions.length === 0 || chosen < 0) return null;
  const text = pages[chosen]!.replace(/\s/g, ' ');
  const [start, end] = window(text, positions[0]![0]);
  const inside = positions.filter(([from, size]) => from >= start && from + size <= end).map(([from, size]): [number, number] => [from - start, size]);
  return { page: chosen + 1, snippet: text.slice(start, end), positions: inside };
}
