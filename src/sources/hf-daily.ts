/**
 * Hugging Face Daily Papers: `GET /api/daily_papers?date=YYYY-MM-DD&limit=N&p=K`, page by page until
 * a short page. Each day comes back both raw and as papers read by the `hf-json` importer, so a
 * fetched day and an imported Daily Papers file give the same fields.
 */
import { parseHfDailyItems } from '../importers/hf-json.ts';
import type { ParsedImport } from '../importers/types.ts';
import type { HttpClient } from './http-client.ts';
import { SourceError } from './source-error.ts';

export const HF_DAILY_PATH = '/api/daily_papers';
export const HF_PAGE_SIZE = 100;
/** A day has tens of papers; a server that keeps returning full pages is not paging. */
const MAX_PAGES_PER_DAY = 50;

export interface HfDayOptions {
  pageSize?: number;
  signal?: AbortSignal;
  /** Called after every page, for progress reporting. */
  onPage?: (page: { date: string; page: number; items: number }) => void;
}

export interface HfDay {
  date: string;
  items: unknown[];
  /** The items as papers; an item the importer cannot read fails the day with an ImportFormatError. */
  parsed: ParsedImport;
  /** Requests this day took. */
  requests: number;
}

function paperId(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const paper = (item as { paper?: unknown }).paper;
  if (typeof paper !== 'object' || paper === null) return null;
  const id = (paper as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

/** Every item listed on one day, each paper once. */
export async function fetchHfDay(client: HttpClient, date: string, options: HfDayOptions = {}): Promise<HfDay> {
  const limit = options.pageSize ?? HF_PAGE_SIZE;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let requests = 0;
  for (let page = 0; page < MAX_PAGES_PER_DAY; page++) {
    const body = await client.getJson(HF_DAILY_PATH, { query: { date, limit, p: page }, signal: options.signal });
    requests++;
    if (!Array.isArray(body)) {
      throw new SourceError('malformed', client.host, `${client.host} sent Daily Papers for ${date} that are not a list`, false);
    }
    let fresh = 0;
    for (const item of body) {
      const id = paperId(item);
      if (id !== null && seen.has(id)) continue;
      if (id !== null) seen.add(id);
      items.push(item);
      fresh++;
    }
    options.onPage?.({ date, page, items: body.length });
    // A short page is the last; a page of nothing new means the server ignores `p`.
    if (body.length < limit || fresh === 0) break;
  }
  return { date, items, parsed: parseHfDailyItems(items), requests };
}

/**
 * The days one after another, yielding each as soon as it is complete so the caller can store it
 * and remember how far it got: an interrupted fetch resumes at the first day not yet yielded.
 */
export async function* fetchHfDays(client: HttpClient, dates: readonly string[], options: HfDayOptions = {}): AsyncGenerator<HfDay> {
  for (const date of dates) yield await fetchHfDay(client, date, options);
}
