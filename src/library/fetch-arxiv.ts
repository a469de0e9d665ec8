/**
 * arXiv query results into the library, one page per committed batch, newest first when sorted by
 * submission. A refresh passes where the previous one stopped (`stopAt`): results submitted before
 * it are neither imported nor paged past.
 */
import { ImportFormatError, PapershelfError } from '../model/errors.ts';
import { ARXIV_PAGE_SIZE, fetchArxivPages, type ArxivSort } from '../sources/arxiv-query.ts';
import { cancelledError } from '../sources/clock.ts';
import type { HttpClient } from '../sources/http-client.ts';
import { SourceError } from '../sources/source-error.ts';
import { laterOf, submissionTimes } from './fetch-arxiv-times.ts';
import { batchText } from './fetch-hf.ts';
import type { FetchControl } from './fetch-job.ts';
import type { BatchImporter } from './fetch-jobs.ts';

/** The provenance recorded on papers fetched from the arXiv API (files of the same API say `arxiv-atom`). */
export const ARXIV_SOURCE = 'arxiv';

export interface ArxivRun {
  query: string;
  sort: ArxivSort;
  /** Results to page through at most, counted from `start`. */
  max: number;
  /** Offset of the first result: where an interrupted run left off. */
  start?: number;
  /** Submission time (ISO) of the newest result an earlier refresh imported. */
  stopAt?: string | null;
}

export interface ArxivProgress {
  /** Offset of the next result: where this run resumes if interrupted now. */
  nextStart: number;
  /** Results paged through by this run. */
  fetched: number;
  /** Newest submission time among the results this run imported. */
  newest: string | null;
}

export function arxivLabel(query: string): string {
  return `arXiv "${query}"`;
}

/** An error feed answers a query arXiv cannot run: the user's to fix. Anything else unreadable is the server's. */
function readError(error: ImportFormatError, client: HttpClient, query: string): PapershelfError {
  const rejected = /arXiv answered with an error: (.*)$/.exec(error.message);
  if (rejected) return new PapershelfError('bad-query', `arXiv rejected the query "${query}": ${rejected[1]} — your library is unchanged`);
  return new SourceError('malformed', client.host, `${client.host} sent a feed that cannot be read (${error.message})`, false);
}

/** Calls `afterPage` once each page is committed, so a refresh can record how far it got. */
export async function importArxivResults(
  library: BatchImporter,
  client: HttpClient,
  run: ArxivRun,
  control: FetchControl,
  afterPage: (progress: ArxivProgress) => void = () => {},
): Promise<ArxivProgress> {
  let progress: ArxivProgress = { nextStart: run.start ?? 0, fetched: 0, newest: null };
  let pages = 0;
  const stopAt = run.stopAt ?? null;
  try {
    const query = { searchQuery: run.query, max: run.max, sort: run.sort, start: progress.nextStart };
    for await (const page of fetchArxivPages(client, query, { signal: control.signal })) {
      const times = submissionTimes(page.xml);
      const timeOf = (arxivId: string | null) => (arxivId ? times.get(arxivId) : undefined);
      const papers = stopAt === null ? page.parsed.papers : page.parsed.papers.filter((paper) => (timeOf(paper.arxivId) ?? stopAt) >= stopAt);
      const reached = stopAt !== null && [...times.values()].some((time) => time <= stopAt);
      const summary = await library.importParsed({ ...page.parsed, papers }, ARXIV_SOURCE);
      pages += 1;
      progress = {
        nextStart: page.start + page.entries,
        fetched: progress.fetched + page.entries,
        newest: papers.reduce<string | null>((newest, paper) => laterOf(newest, timeOf(paper.arxivId)), progress.newest),
      };
      const left = Math.min(run.max - progress.fetched, (page.totalResults ?? progress.nextStart) - progress.nextStart);
      control.expect(reached ? pages : stopAt !== null ? pages + 1 : pages + Math.ceil(Math.max(0, left) / ARXIV_PAGE_SIZE));
      const of = page.totalResults === null ? '' : ` of ${page.totalResults}`;
      const range = page.entries === 0 ? 'no results' : `results ${page.start + 1}–${progress.nextStart}${of}`;
      control.imported(summary, `${range}: ${batchText(papers.length, summary)}`);
      afterPage(progress);
      if (reached) break;
      if (control.signal.aborted) throw cancelledError();
    }
  } catch (error) {
    if (error instanceof ImportFormatError) throw readError(error, client, run.query);
    throw error;
  }
  return progress;
}
