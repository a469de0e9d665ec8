import { ImportFormatError } from '../model/errors.ts';
import { emptyPaperFields } from '../model/paper.ts';
import {
  dayString,
  isDateLine,
  localToday,
  mostRecent,
  parseDateLine,
  parseDayOption,
  referenceDay,
  type DateLine,
  type Reference,
} from './hf-page-dates.ts';
import { ImportCollector } from './result.ts';
import { normalizeAbstract, normalizeTitle } from './text.ts';
import type { ImportOptions, Importer, ParsedImport } from './types.ts';

/*
 * The text of a Hugging Face Papers listing as a browser copies it. Per paper, blank lines aside:
 *   title / abstract / `• 9 authors` or an organization line / `·` / date line
 * where the last three may be missing. Before the first paper comes a header ending in the page's
 * own date (`Dec 11`).
 */

type Kind = 'text' | 'dot' | 'authors' | 'bullet' | 'date';

interface Line {
  no: number;
  text: string;
  kind: Kind;
}

interface RawPaper {
  title: string;
  abstract: string | null;
  authorCount: number | null;
  organization: string | null;
  date: DateLine | null;
  hasTrailer: boolean;
}

const FORMAT = 'hf-page';
// Longer than any real title: a longer line is an abstract or not a listing at all.
const MAX_TITLE = 500;
// An organization's name is short; a long line right before "·" is an abstract without authors.
const MAX_ORGANIZATION = 120;
const AUTHORS = /^•\s*(\d+)\s+authors?$/i;

function classify(text: string): Kind {
  if (text === '·') return 'dot';
  if (AUTHORS.test(text)) return 'authors';
  if (text.startsWith('•')) return 'bullet';
  return isDateLine(text) ? 'date' : 'text';
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed) lines.push({ no: index + 1, text: trimmed, kind: classify(trimmed) });
  });
  return lines;
}

/** The organization line reads `<handle> <display name>` (`PEARLS-Lab PEARLS Lab`); keep the name. */
function organizationName(line: string): string {
  const [handle, ...rest] = line.split(/\s+/);
  const name = rest.join(' ');
  const slug = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return name && slug(handle ?? '') === slug(name) ? name : line;
}

function describe(line: Line): string {
  const what = { text: 'text', dot: 'a "·" line', authors: 'an authors line', bullet: 'a "•" line', date: 'a date line' }[line.kind];
  return `${what} ${JSON.stringify(line.text.length > 60 ? `${line.text.slice(0, 60)}…` : line.text)}`;
}

function fail(line: Line, detail: string): never {
  throw new ImportFormatError(FORMAT, `line ${line.no}`, detail);
}

/** Index of the first paper's title: after the page date, else worked back from the first trailer. */
function bodyStart(lines: Line[], firstTrailer: number): { start: number; pageDate: DateLine | null } {
  for (let i = firstTrailer - 1; i >= 0; i--) {
    if (lines[i]!.kind === 'date') return { start: i + 1, pageDate: parseDateLine(lines[i]!.text) };
  }
  let i = firstTrailer;
  const before = lines[i - 1];
  if (lines[i]!.kind === 'dot' && before?.kind === 'text' && before.text.length <= MAX_ORGANIZATION) i--; // organization line
  return { start: Math.max(0, i - 2), pageDate: null };
}

function readPapers(lines: Line[], start: number): RawPaper[] {
  const papers: RawPaper[] = [];
  let i = start;
  const isOrganization = (at: number): boolean =>
    lines[at]?.kind === 'text' && lines[at]!.text.length <= MAX_ORGANIZATION && lines[at + 1]?.kind === 'dot';
  while (i < lines.length) {
    const headIndex = i;
    const head = lines[i]!;
    if (head.kind !== 'text') fail(head, `expected a paper title, found ${describe(head)}`);
    if (head.text.length > MAX_TITLE) {
      fail(head, `expected a paper title, found ${head.text.length} characters of text (an abstract of several paragraphs, or not a listing page)`);
    }
    const paper: RawPaper = { title: head.text, abstract: null, authorCount: null, organization: null, date: null, hasTrailer: false };
    i++;
    if (lines[i]?.kind === 'text' && !isOrganization(i)) paper.abstract = lines[i++]!.text;
    const meta = lines[i];
    if (meta?.kind === 'authors') {
      paper.authorCount = Number(AUTHORS.exec(meta.text)![1]);
      i++;
    } else if (meta?.kind === 'bullet') {
      fail(meta, `expected "• N authors", found ${describe(meta)}`);
    } else if (isOrganization(i)) {
      paper.organization = organizationName(meta!.text);
      i++;
    }
    if (lines[i]?.kind === 'dot') {
      const dot = lines[i]!;
      const next = lines[i + 1];
      if (!next) fail(dot, 'the text ends after "·" where a date should follow (it looks cut off)');
      if (next.kind !== 'date') fail(next, `expected a date after "·", found ${describe(next)}`);
      i++;
    }
    if (lines[i]?.kind === 'date') {
      const line = lines[i++]!;
      paper.date = parseDateLine(line.text) ?? fail(line, `${JSON.stringify(line.text)} is not a real date`);
    }
    paper.hasTrailer = i > headIndex + (paper.abstract === null ? 1 : 2);
    papers.push(paper);
  }
  return papers;
}

const SENTENCE_END = /[.!?)\]"'”’]$/;
const LINK = /https?:\/\/./;

/**
 * A copied abstract ends a sentence or a link; anything else at the very end of the text was cut
 * off. The link test looks only at the last word, found by a backward scan: an anchored regex like
 * `https?:\/\/\S+$` retries from every "http://" in a long run and took seconds on 100 KB.
 */
function endsComplete(text: string): boolean {
  if (SENTENCE_END.test(text)) return true;
  let start = text.length;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return LINK.test(text.slice(start));
}

/** The text ends inside the last paper: reject rather than import half a paper. */
function checkEnding(last: RawPaper | undefined, lines: Line[]): void {
  if (!last || last.hasTrailer) return;
  const end = lines.at(-1)!;
  if (last.abstract === null) fail(end, `the text ends after the title of the last paper ("${last.title}"): it looks cut off`);
  if (!endsComplete(last.abstract)) {
    fail(end, `the text ends inside the abstract of the last paper ("${last.title}"): it looks cut off`);
  }
}

function reference(pageDate: DateLine | null, papers: RawPaper[], options: ImportOptions): Reference {
  if (options.asOf) return { day: parseDayOption('the as-of date', options.asOf), guess: null };
  const today = options.today ? parseDayOption('today', options.today) : localToday();
  const named = papers.flatMap((p) => (p.date?.year != null ? [p.date.year] : []));
  return referenceDay(pageDate, named, today);
}

// One regex sweep, so a large file that is no listing is refused before it is split into lines.
const ANY_TRAILER = /^[ \t]*(?:·|•[ \t]*\d+[ \t]+authors?)[ \t]*\r?$/im;

export function parseHfPage(text: string, options: ImportOptions = {}): ParsedImport {
  const lines = ANY_TRAILER.test(text) ? readLines(text) : [];
  const firstTrailer = lines.findIndex((l) => l.kind === 'dot' || l.kind === 'authors');
  if (firstTrailer < 0) {
    throw new ImportFormatError(FORMAT, null, 'no paper listing found: a Hugging Face Papers page has "• N authors" and "·" lines under each paper');
  }
  const { start, pageDate } = bodyStart(lines, firstTrailer);
  const raw = readPapers(lines, start);
  checkEnding(raw.at(-1), lines);
  const ref = reference(pageDate, raw, options);
  const out = new ImportCollector(FORMAT);
  if (ref.guess) out.warn(null, `${ref.guess}; set the as-of date to override`);
  for (const paper of raw) {
    const date = paper.date;
    const published = date
      ? dayString(date.year === null ? mostRecent(date.month, date.day, ref.day) : { year: date.year, month: date.month, day: date.day })
      : null;
    out.add({
      ...emptyPaperFields(normalizeTitle(paper.title)),
      abstract: normalizeAbstract(paper.abstract ?? ''),
      authorCount: paper.authorCount,
      organization: paper.organization,
      published,
      upvotes: date?.upvotes ?? null,
    });
  }
  return out.result();
}

export const hfPageImporter: Importer = {
  format: FORMAT,
  detect(text) {
    const lines = readLines(text.slice(0, 65536));
    return lines.some((l, i) => l.kind === 'authors' || (l.kind === 'dot' && lines[i + 1]?.kind === 'date'));
  },
  parse: parseHfPage,
};
