/**
 * The arXiv API: `GET /api/query?search_query=...&start=S&max_results=N&sortBy=...&sortOrder=descending`,
 * page by page through the client's rate limiter (arXiv allows one request every three seconds).
 * Each page comes back both raw and as papers read by the `arxiv-atom` importer.
 */
import { parseArxivAtom, type ArxivAtomImport } from '../importers/arxiv-atom.ts';
import { isCompleteFeed, looksLikeHtml } from './atom-feed.ts';
import type { HttpClient } from './http-client.ts';
import { SourceError, truncatedError } from './source-error.ts';

export const ARXIV_QUERY_PATH = '/api/query';
export const ARXIV_SORTS = { submitted: 'submittedDate', updated: 'lastUpdatedDate', relevance: 'relevance' } as const;
export type ArxivSort = keyof typeof ARXIV_SORTS;
/** arXiv suggests slices of at most a few hundred results; 100 keeps each response small. */
export const ARXIV_PAGE_SIZE = 100;
/** arXiv now and then answers a page with no entries although more exist; asking again usually works. */
const EMPTY_PAGE_RETRIES = 2;

export interface ArxivQuery {
  searchQuery: string;
  /** Most results to fetch in all. */
  max: number;
  sort?: ArxivSort;
  /** Offset of the first result: where an interrupted fetch left off. */
  start?: number;
  pageSize?: number;
}

export interface ArxivPage {
  start: number;
  xml: string;
  /** The entries as papers; an error feed or unreadable XML fails the fetch with an ImportFormatError. */
  parsed: ArxivAtomImport;
  /** Entries on the page, the unusable ones the importer skipped included: the paging offset counts them. */
  entries: number;
  /** How many results the query matches in all, as the page says. */
  totalResults: number | null;
}

export interface ArxivPageOptions {
  signal?: AbortSignal;
  onPage?: (page: ArxivPage) => void;
}

function readFeed(client: HttpClient, start: number, body: string): ArxivPage {
  if (looksLikeHtml(body)) {
    throw new SourceError('not-atom', client.host, `${client.host} sent a web page instead of an Atom feed for ${ARXIV_QUERY_PATH}`, false);
  }
  if (!isCompleteFeed(body)) throw truncatedError(client.host, ARXIV_QUERY_PATH, Buffer.byteLength(body));
  const parsed = parseArxivAtom(body);
  return { start, xml: body, parsed, entries: parsed.papers.length + parsed.skipped, totalResults: parsed.feed.totalResults };
}

function fetchPage(client: HttpClient, query: ArxivQuery, start: number, size: number, signal?: AbortSignal): Promise<ArxivPage> {
  return client.request(ARXIV_QUERY_PATH, {
    query: {
      search_query: query.searchQuery,
      start,
      max_results: size,
      sortBy: ARXIV_SORTS[query.sort ?? 'submitted'],
      sortOrder: 'descending',
    },
    accept: 'application/atom+xml',
    signal,
    parse: (body) => readFeed(client, start, body),
  });
}

/** Pages in order until `max` results, the end of the results, or a short page. */
export async function* fetchArxivPages(client: HttpClient, query: ArxivQuery, options: ArxivPageOptions = {}): AsyncGenerator<ArxivPage> {
  const pageSize = query.pageSize ?? ARXIV_PAGE_SIZE;
  const first = query.start ?? 0;
  let start = first;
  while (start - first < query.max) {
    const size = Math.min(pageSize, query.max - (start - first));
    let page = await fetchPage(client, query, start, size, options.signal);
    for (let retry = 0; page.entries === 0 && start < (page.totalResults ?? 0) && retry < EMPTY_PAGE_RETRIES; retry++) {
      page = await fetchPage(client, query, start, size, options.signal);
    }
    if (page.entries === 0 && start < (page.totalResults ?? 0)) {
      const detail = `${client.host} kept sending an empty page at result ${start} of ${page.totalResults}`;
      throw new SourceError('malformed', client.host, detail, false);
    }
    options.onPage?.(page);
    yield page;
    start += page.entries;
    if (page.entries < size || (page.totalResults !== null && start >= page.totalResults)) return;
  }
}
