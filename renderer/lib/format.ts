/** How papers and numbers read in the window. */
import type { PaperView, ReadingStatus } from '../api/types.ts';

export const STATUS_LABELS: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read', dismissed: 'Not interested' };

export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}

/** "Ada Lovelace, Alan Turing +3", or "12 authors · Some Lab" when only a count is known. */
export function authorLine(paper: Pick<PaperView, 'authors' | 'authorCount' | 'organization'>, shown = 3): string {
  if (paper.authors.length > 0) {
    const names = paper.authors.slice(0, shown).join(', ');
    const rest = Math.max(paper.authorCount ?? 0, paper.authors.length) - Math.min(shown, paper.authors.length);
    return rest > 0 ? `${names} +${rest}` : names;
  }
  const count = paper.authorCount ? countLabel(paper.authorCount, 'author') : null;
  return [count, paper.organization].filter((part) => part).join(' · ');
}

/**
 * `YYYY-MM-DD` as "Aug 11, 2025"; a date known only to the month or year (`2025-08`, `2025`) shows
 * only what is known ("Aug 2025", "2025"), never an invented first of January.
 */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (!year) return iso;
  if (!month) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', ...(day ? { day: 'numeric' } : {}), timeZone: 'UTC' });
}

const STATUS_CYCLE: ReadonlyArray<ReadingStatus | null> = [null, 'to-read', 'reading', 'read'];

/** What `r` sets: to read, reading, read, then no status again. */
export function nextStatus(status: ReadingStatus | null): ReadingStatus | null {
  return STATUS_CYCLE[(STATUS_CYCLE.indexOf(status) + 1) % STATUS_CYCLE.length] ?? null;
}

/** The query that lists a person's (or a lab's) papers: a phrase in the author field. */
export function authorQuery(name: string): string {
  // Quotes and backslashes cannot be escaped inside a phrase; a space keeps the words apart.
  return `author:"${name.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

/**
 * The date of a paper as precisely as its sources know it. The BibTeX importer stores a `year`-only
 * entry as `YYYY-01-01` and a `year`+`month` one as `YYYY-MM-01`; for a paper known only from
 * BibTeX those filled-in parts are dropped ("2025", "Aug 2025").
 */
export function paperDate(paper: Pick<PaperView, 'published' | 'sources'>): string {
  const { published } = paper;
  const fromBibtexOnly = paper.sources.length > 0 && paper.sources.every((source) => source === 'bibtex');
  if (!published || !fromBibtexOnly) return formatDate(published);
  return formatDate(published.replace(/-01-01$/, '').replace(/-01$/, ''));
}
