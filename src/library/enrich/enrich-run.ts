/**
 * One enrichment run: which papers still need resolving, the arXiv title search for them, and the
 * plan. Committing the plan (papers, annotations, notes, aliases) is the library's job, under its
 * write lock, exactly as for an import.
 */
import type { PaperFields, StoredPaper } from '../../model/paper.ts';
import type { HttpClient } from '../../sources/http-client.ts';
import { ARXIV_PAGE_SIZE } from '../../sources/arxiv-query.ts';
import { searchArxivTitles } from '../../sources/arxiv-title-search.ts';
import { isTitleKey } from '../identity.ts';
import { planEnrichment, type EnrichmentPlan } from './plan-enrichment.ts';
import { EntryIndex } from './title-match.ts';

export interface EnrichOptions {
  signal?: AbortSignal;
  perRequest?: number;
  /** After each answer: requests done and planned, for "resolving N papers…" progress. */
  onProgress?: (done: number, of: number) => void;
  now?: () => string;
}

/** Papers a title search can help: no arXiv id, and (when ids are given) only those. */
export function papersToEnrich(all: Iterable<StoredPaper>, ids?: ReadonlySet<string>): StoredPaper[] {
  const out: StoredPaper[] = [];
  for (const paper of all) {
    if (paper.arxivId !== null || !isTitleKey(paper.id)) continue;
    if (ids && !ids.has(paper.id)) continue;
    out.push(paper);
  }
  return out;
}

export interface TitleAnswers {
  entries: PaperFields[];
  requests: number;
  warnings: string[];
}

/**
 * Asks arXiv for the papers' titles. An answer that filled every result it asked for may have left a
 * paper out behind other papers matching a common phrase ("Reward Modeling"): its titles that found
 * no same-title entry are asked again, one per request with a full page of results. A network
 * failure (offline) throws the client's SourceError: nothing is planned and the papers stay as they
 * are, to be tried again.
 */
export async function searchTitles(client: HttpClient, papers: readonly StoredPaper[], options: EnrichOptions = {}): Promise<TitleAnswers> {
  const first = await searchArxivTitles(
    client,
    papers.map((paper) => paper.title),
    { signal: options.signal, perRequest: options.perRequest, onAnswer: (_, done, of) => options.onProgress?.(done, of) },
  );
  const entries = first.answers.flatMap((answer) => answer.entries);
  const index = new EntryIndex(entries);
  const crowded = first.answers
    .filter((answer) => answer.entries.length >= answer.maxResults)
    .flatMap((answer) => answer.titles)
    .filter((title) => index.sameTitle(title).length === 0);
  if (crowded.length === 0) return { entries, requests: first.requests, warnings: first.warnings };
  const again = await searchArxivTitles(client, crowded, { signal: options.signal, perRequest: 1, resultsPerTitle: ARXIV_PAGE_SIZE });
  return {
    entries: [...entries, ...again.answers.flatMap((answer) => answer.entries)],
    requests: first.requests + again.requests,
    warnings: [...first.warnings, ...again.warnings],
  };
}

/**
 * Searches and plans in one go. A library commits under its write lock, where it should plan again
 * (`planEnrichment` with the same answers) against the papers on disk at that moment.
 */
export async function runEnrichment(
  client: HttpClient,
  papers: StoredPaper[],
  get: (id: string) => StoredPaper | undefined,
  options: EnrichOptions = {},
): Promise<EnrichmentPlan> {
  const answers = await searchTitles(client, papers, options);
  return planEnrichment({ papers, get, now: (options.now ?? (() => new Date().toISOString()))(), ...answers });
}
