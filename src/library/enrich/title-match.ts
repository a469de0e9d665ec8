/**
 * Which arXiv entry, if any, is the paper a listing described. A paper is matched only when the
 * titles are equal after `titleMatchText` and the listing's own evidence (author count, date) agrees;
 * two different papers with that title are "ambiguous" and neither is taken. A wrong merge would put
 * one paper's stars and notes on another, so every doubt leaves the paper unresolved.
 */
import type { PaperFields } from '../../model/paper.ts';
import { titleMatchText } from './title-text.ts';

/** What the listing said about the paper besides its title; null where it said nothing. */
export interface ListingEvidence {
  authorCount: number | null;
  /** How far arXiv's author count may be from the listing's (a listing may hide or drop an author). */
  authorSlack: number;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /** How far arXiv's first-version date may be from the listing's date. */
  dateSlackDays: number;
}

export interface Refusal {
  arxivId: string;
  title: string;
  reason: string;
}

export type TitleMatch =
  | { kind: 'resolved'; entry: PaperFields }
  | { kind: 'ambiguous'; entries: PaperFields[] }
  /** `refused`: entries with the same title whose authors or date disagree. */
  | { kind: 'unresolved'; refused: Refusal[] };

export const NO_EVIDENCE: ListingEvidence = { authorCount: null, authorSlack: 0, date: null, dateSlackDays: 0 };

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(day: string): number | null {
  const time = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? null : time / DAY_MS;
}

/** Why the entry cannot be the listing's paper, or null when nothing the listing said disagrees. */
export function disagreement(entry: PaperFields, evidence: ListingEvidence): string | null {
  const count = entry.authors.length || entry.authorCount;
  if (evidence.authorCount !== null && count !== null && Math.abs(count - evidence.authorCount) > evidence.authorSlack) {
    return `it has ${count} ${count === 1 ? 'author' : 'authors'}, the listing ${evidence.authorCount}`;
  }
  const listed = evidence.date === null ? null : dayNumber(evidence.date);
  const first = entry.published === null ? null : dayNumber(entry.published);
  if (listed !== null && first !== null && Math.abs(listed - first) > evidence.dateSlackDays) {
    return `it was first submitted on ${entry.published}, the listing says ${evidence.date}`;
  }
  return null;
}

/** arXiv entries by their comparable title, each arXiv id once (the newest version seen). */
export class EntryIndex {
  private readonly byTitle = new Map<string, Map<string, PaperFields>>();

  constructor(entries: Iterable<PaperFields> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: PaperFields): void {
    if (entry.arxivId === null) return;
    const key = titleMatchText(entry.title);
    if (!key) return;
    let same = this.byTitle.get(key);
    if (!same) {
      same = new Map();
      this.byTitle.set(key, same);
    }
    const known = same.get(entry.arxivId);
    if (!known || (entry.version ?? 0) > (known.version ?? 0)) same.set(entry.arxivId, entry);
  }

  sameTitle(title: string): PaperFields[] {
    return [...(this.byTitle.get(titleMatchText(title))?.values() ?? [])];
  }
}

export function matchTitle(title: string, evidence: ListingEvidence, index: EntryIndex): TitleMatch {
  const agreeing: PaperFields[] = [];
  const refused: Refusal[] = [];
  for (const entry of index.sameTitle(title)) {
    const reason = disagreement(entry, evidence);
    if (reason === null) agreeing.push(entry);
    else refused.push({ arxivId: entry.arxivId ?? '', title: entry.title, reason });
  }
  const [only] = agreeing;
  if (only && agreeing.length === 1) return { kind: 'resolved', entry: only };
  if (agreeing.length > 1) return { kind: 'ambiguous', entries: agreeing.sort((a, b) => (a.arxivId ?? '').localeCompare(b.arxivId ?? '')) };
  return { kind: 'unresolved', refused };
}
