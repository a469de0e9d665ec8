/**
 * Finds papers on arXiv by their titles: several `ti:"…"` phrases per request joined with `OR`, sent
 * through the arXiv client (so the three-second spacing, the cross-process pacing file, the
 * User-Agent, retries and offline errors all apply) and paged by `fetchArxivPages`. Deciding which
 * answer is which paper is not done here (see library/enrich/title-match.ts): this only asks.
 */
import type { PaperFields } from '../model/paper.ts';
import { ImportFormatError } from '../model/errors.ts';
import { ARXIV_PAGE_SIZE, ARXIV_QUERY_PATH, ARXIV_SORTS, fetchArxivPages } from './arxiv-query.ts';
import type { HttpClient } from './http-client.ts';

/** arXiv and the proxies before it refuse or cut very long URLs; 2,000 characters is safe everywhere. */
export const MAX_QUERY_URL_LENGTH = 2000;
/** Titles per request: enough to need only a handful of requests for a listing page. */
export const TITLES_PER_REQUEST = 10;
/** Results asked per title: the paper itself plus room for look-alikes and other versions. */
export const RESULTS_PER_TITLE = 4;
/** A phrase this long already singles a paper out; longer ones only lengthen the URL. */
const MAX_PHRASE_CHARS = 160;

export interface TitleBatch {
  /** The titles this request asks for, as given. */
  titles: string[];
  searchQuery: string;
  maxResults: number;
}

export interface TitleAnswer extends TitleBatch {
  /** Every usable entry of the answer, as the `arxiv-atom` importer reads it. */
  entries: PaperFields[];
  /** The raw Atom body. */
  xml: string;
}

export interface TitleSearchResult {
  answers: TitleAnswer[];
  /** Requests sent (retries not counted: the client counts those). */
  requests: number;
  /** Titles that could not be put into a query, and batches arXiv refused to run. */
  warnings: string[];
}

/**
 * A title as a phrase arXiv's search can take: its search splits words at punctuation anyway, and a
 * quote, colon or parenthesis inside a phrase would end it or change its meaning, so every character
 * but letters and digits becomes a space. Accents are dropped (arXiv stores most titles in ASCII with
 * TeX accents). Null when nothing searchable is left.
 */
export function titlePhrase(title: string): string | null {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let phrase = '';
  for (const word of words) {
    const next = phrase ? `${phrase} ${word}` : word;
    if (next.length > MAX_PHRASE_CHARS) break;
    phrase = next;
  }
  return phrase || null;
}

function searchQueryOf(phrases: string[]): string {
  return phrases.map((phrase) => `ti:"${phrase}"`).join(' OR ');
}

function queryParams(searchQuery: string, maxResults: number): Record<string, string | number> {
  return { search_query: searchQuery, start: 0, max_results: maxResults, sortBy: ARXIV_SORTS.relevance, sortOrder: 'descending' };
}

function maxResultsFor(count: number, perTitle: number): number {
  return Math.min(ARXIV_PAGE_SIZE, count * perTitle);
}

/**
 * Splits titles into requests of at most `perRequest` phrases whose URL (`urlLength` measures one)
 * stays under `maxUrl` characters. Titles with the same phrase share it; a title that cannot be
 * searched is returned in `unsearchable`.
 */
export function batchTitles(
  titles: string[],
  urlLength: (searchQuery: string, maxResults: number) => number,
  options: { perRequest?: number; maxUrl?: number; resultsPerTitle?: number } = {},
): { batches: TitleBatch[]; unsearchable: string[] } {
  const perRequest = options.perRequest ?? TITLES_PER_REQUEST;
  const perTitle = options.resultsPerTitle ?? RESULTS_PER_TITLE;
  const maxUrl = options.maxUrl ?? MAX_QUERY_URL_LENGTH;
  const batches: TitleBatch[] = [];
  const unsearchable: string[] = [];
  let titlesOf: string[] = [];
  let phrases: string[] = [];
  const asked = new Map<string, string[]>();
  const close = (): void => {
    if (phrases.length > 0) batches.push({ titles: titlesOf, searchQuery: searchQueryOf(phrases), maxResults: maxResultsFor(phrases.length, perTitle) });
    titlesOf = [];
    phrases = [];
  };
  for (const title of titles) {
    const phrase = titlePhrase(title);
    if (phrase === null) {
      unsearchable.push(title);
      continue;
    }
    // A title that searches like an earlier one (arXiv ignores case) rides on that one's request.
    const sharing = asked.get(phrase.toLowerCase());
    if (sharing) {
      sharing.push(title);
      continue;
    }
    const fits = (list: string[]) => urlLength(searchQueryOf(list), maxResultsFor(list.length, perTitle)) <= maxUrl;
    if (phrases.length >= perRequest || (phrases.length > 0 && !fits([...phrases, phrase]))) close();
    if (!fits([phrase])) {
      unsearchable.push(title);
      continue;
    }
    titlesOf.push(title);
    phrases.push(phrase);
    asked.set(phrase.toLowerCase(), titlesOf);
  }
  close();
  return { batches, unsearchable };
}

export interface TitleSearchOptions {
  signal?: AbortSignal;
  perRequest?: number;
  resultsPerTitle?: number;
  onAnswer?: (answer: TitleAnswer, done: number, of: number) => void;
}

/**
 * Asks arXiv for every title, batch after batch (the client spaces them). A network failure ends the
 * search with its SourceError (the caller keeps the papers for a later run); a query arXiv answers
 * with an error feed is a warning, and the other batches still run.
 */
export async function searchArxivTitles(
  client: HttpClient,
  titles: string[],
  options: TitleSearchOptions = {},
): Promise<TitleSearchResult> {
  const urlLength = (searchQuery: string, maxResults: number) => client.url(ARXIV_QUERY_PATH, queryParams(searchQuery, maxResults)).href.length;
  const { batches, unsearchable } = batchTitles(titles, urlLength, { perRequest: options.perRequest, resultsPerTitle: options.resultsPerTitle });
  const warnings = unsearchable.map((title) => `cannot search arXiv for "${title.slice(0, 80)}": its title has nothing searchable or is too long`);
  const answers: TitleAnswer[] = [];
  let requests = 0;
  for (const batch of batches) {
    try {
      const query = { searchQuery: batch.searchQuery, max: batch.maxResults, sort: 'relevance' as const };
      for await (const page of fetchArxivPages(client, query, { signal: options.signal })) {
        requests += 1;
        const answer = { ...batch, entries: page.parsed.papers, xml: page.xml };
        answers.push(answer);
        options.onAnswer?.(answer, answers.length, batches.length);
      }
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      requests += 1;
      warnings.push(`arXiv could not search for ${batch.titles.length} ${batch.titles.length === 1 ? 'title' : 'titles'} (${error.message})`);
    }
  }
  return { answers, requests, warnings };
}
