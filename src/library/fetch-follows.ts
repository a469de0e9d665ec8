/**
 * What a follow is and where its next refresh starts: new follows from a request, their ids, the
 * days an `hf-daily` refresh covers, and the view the doors show.
 */
import { createHash } from 'node:crypto';
import type { FollowView } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import { daysBetween, formatDay, MAX_DAYS, parseDay } from '../sources/date-range.ts';
import {
  HF_FOLLOW_ID,
  type ArxivFollow,
  type Follow,
  type FollowPdfs,
  type HfFollow,
} from '../store/subscription-schema.ts';
import { normalizeQuery } from '../store/subscription-store.ts';
import { arxivLabel } from './fetch-arxiv.ts';

/** The first refresh of Daily Papers fetches this many days up to today, unless told `since`. */
export const FIRST_REFRESH_DAYS = 7;
/** Results the first refresh of an arXiv follow fetches, unless told `max`. */
export const DEFAULT_FOLLOW_MAX = 100;
const DAY_MS = 86_400_000;

export type FollowRequest = ({ kind: 'hf-daily'; since?: string | undefined } | { kind: 'arxiv'; query: string; max?: number | undefined }) & {
  pdfs?: FollowPdfs | undefined;
};

export function shiftDay(day: string, days: number): string {
  return formatDay(parseDay(day) + days * DAY_MS);
}

/** Catches what would make arXiv answer nonsense: unbalanced quotes or parentheses, control characters. */
export function checkArxivQuery(query: string): string {
  const text = normalizeQuery(query);
  if (text === '') throw new PapershelfError('bad-query', 'the arXiv query is empty');
  if (/[\u0000-\u001f]/.test(text)) throw new PapershelfError('bad-query', 'the arXiv query contains control characters');
  if ((text.match(/"/g) ?? []).length % 2 === 1) throw new PapershelfError('bad-query', `the arXiv query "${text}" has an unclosed quote`);
  let depth = 0;
  for (const char of text.replace(/"[^"]*"/g, '')) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) throw new PapershelfError('bad-query', `the arXiv query "${text}" has unbalanced parentheses`);
  return text;
}

export function arxivFollowId(query: string): string {
  return `arxiv-${createHash('sha256').update(normalizeQuery(query)).digest('hex').slice(0, 8)}`;
}

export function newFollow(request: FollowRequest, now: string, today: string): Follow {
  const common = { addedAt: now, lastFetchAt: null, lastError: null, pdfs: request.pdfs ?? 'none' };
  if (request.kind === 'hf-daily') {
    const since = request.since ?? null;
    if (since !== null) {
      parseDay(since, 'since');
      if (since > today) throw new PapershelfError('bad-input', `since: ${since} is after today (${today})`);
    }
    return { id: HF_FOLLOW_ID, kind: 'hf-daily', since, lastCompleteDay: null, ...common };
  }
  const query = checkArxivQuery(request.query);
  return { id: arxivFollowId(query), kind: 'arxiv', query, max: request.max ?? DEFAULT_FOLLOW_MAX, newest: null, resume: null, ...common };
}

export function followLabel(follow: Follow): string {
  return follow.kind === 'hf-daily' ? 'Hugging Face Daily Papers' : arxivLabel(follow.query);
}

/** The days the next refresh fetches: from the day after the last complete one (at most MAX_DAYS) through today. */
export function hfRefreshDays(follow: HfFollow, today: string): string[] {
  const start = follow.lastCompleteDay ? shiftDay(follow.lastCompleteDay, 1) : (follow.since ?? shiftDay(today, 1 - FIRST_REFRESH_DAYS));
  if (start > today) return [today];
  const last = shiftDay(start, MAX_DAYS - 1);
  return daysBetween(start, last < today ? last : today);
}

function hfProgress(follow: HfFollow): string {
  if (follow.lastCompleteDay) return `complete through ${follow.lastCompleteDay}; next refresh fetches ${shiftDay(follow.lastCompleteDay, 1)} through today`;
  if (follow.since) return `next refresh fetches ${follow.since} through today`;
  return `next refresh fetches the last ${FIRST_REFRESH_DAYS} days`;
}

function arxivProgress(follow: ArxivFollow): string {
  if (follow.resume) return `interrupted after ${follow.resume.fetched} results; next refresh continues at result ${follow.resume.start + 1}`;
  if (follow.newest) return `next refresh fetches results submitted since ${follow.newest}`;
  return `next refresh fetches the newest ${follow.max} results`;
}

export function followView(follow: Follow): FollowView {
  return {
    id: follow.id,
    kind: follow.kind,
    query: follow.kind === 'arxiv' ? follow.query : null,
    max: follow.kind === 'arxiv' ? follow.max : null,
    since: follow.kind === 'hf-daily' ? follow.since : null,
    addedAt: follow.addedAt,
    lastFetchAt: follow.lastFetchAt,
    lastError: follow.lastError,
    pdfs: follow.pdfs,
    progress: follow.kind === 'hf-daily' ? hfProgress(follow) : arxivProgress(follow),
  };
}
