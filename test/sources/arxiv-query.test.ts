import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchArxivPages, type ArxivPage, type ArxivQuery } from '../../src/sources/arxiv-query.ts';
import { arxivClient } from '../../src/sources/clients.ts';
import type { HttpClient } from '../../src/sources/http-client.ts';
import { sourceConfig } from '../../src/sources/source-config.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { atomEntries, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from './test-clock.ts';

let server: ReplayServer;
let clock: TestClock;
/** Virtual time at which each request left. */
let sentAt: number[];

beforeEach(async () => {
  server = await startReplayServer();
  clock = new TestClock();
  sentAt = [];
});
afterEach(() => server.close());

function client(fetchImpl: typeof fetch = fetch): HttpClient {
  const config = sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url });
  const recording: typeof fetch = (input, init) => {
    sentAt.push(clock.now());
    return fetchImpl(input, init);
  };
  return arxivClient(config, { clock, fetch: recording, retry: { backoffMs: 100 } });
}

async function pages(query: ArxivQuery, arxiv = client()): Promise<ArxivPage[]> {
  const out: ArxivPage[] = [];
  for await (const page of fetchArxivPages(arxiv, query)) out.push(page);
  return out;
}

const entryIds = (xml: string): string[] => [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((match) => match[1] ?? '');
const TESTING_IDS = entryIds(readFixture('arxiv-query-testing.xml'));

describe('fetchArxivPages', () => {
  it('pages through every result with start and max_results, in order', async () => {
    const result = await pages({ searchQuery: 'all:testing', max: 50, pageSize: 4 });
    expect(result.map((page) => [page.start, page.entries, page.totalResults])).toEqual([
      [0, 4, 10],
      [4, 4, 10],
      [8, 2, 10],
    ]);
    expect(result.flatMap((page) => entryIds(page.xml))).toEqual(TESTING_IDS);
    expect(TESTING_IDS).toHaveLength(10);
    const papers = result.flatMap((page) => page.parsed.papers);
    expect(papers.map((paper) => `http://arxiv.org/abs/${paper.arxivId}v${paper.version}`)).toEqual(TESTING_IDS);
    expect(papers[0]?.title).toBe('Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques');
    expect(server.requests.map((request) => request.query)).toEqual(
      [0, 4, 8].map((start) => ({ search_query: 'all:testing', start: String(start), max_results: '4', sortBy: 'submittedDate', sortOrder: 'descending' })),
    );
  });

  it('stops at the maximum asked for', async () => {
    const result = await pages({ searchQuery: 'all:testing', max: 5, pageSize: 4 });
    expect(result.map((page) => page.entries)).toEqual([4, 1]);
    expect(server.requests.map((request) => request.query.max_results)).toEqual(['4', '1']);
  });

  it('resumes from a start offset', async () => {
    const result = await pages({ searchQuery: 'all:testing', max: 10, start: 8 });
    expect(result.flatMap((page) => entryIds(page.xml))).toEqual(TESTING_IDS.slice(8));
  });

  it('sorts as asked and sends the query as given', async () => {
    await pages({ searchQuery: 'all:transformer AND cat:cs.LG', max: 5, sort: 'updated' });
    await pages({ searchQuery: 'all:transformer AND cat:cs.LG', max: 5, sort: 'relevance' });
    expect(server.requests.map((request) => [request.query.search_query, request.query.sortBy])).toEqual([
      ['all:transformer AND cat:cs.LG', 'lastUpdatedDate'],
      ['all:transformer AND cat:cs.LG', 'relevance'],
    ]);
    expect(server.requests[0]?.accept).toBe('application/atom+xml');
    expect(server.requests[0]?.userAgent).toMatch(/^Papershelf\//);
  });

  it('leaves three seconds between requests, retries included, on the injected clock', async () => {
    server.inject({ kind: 'status', status: 503 }, { path: '/api/query' });
    await pages({ searchQuery: 'all:testing', max: 10, pageSize: 4 });
    expect(sentAt).toHaveLength(4);
    const gaps = sentAt.slice(1).map((time, i) => time - (sentAt[i] ?? 0));
    expect(gaps.every((gap) => gap >= 3000)).toBe(true);
    // The 100 ms backoff after the 503 is swallowed by the longer spacing.
    expect(gaps).toEqual([3000, 3000, 3000]);
  });

  it('keeps the spacing across two fetches running at once', async () => {
    const arxiv = client();
    await Promise.all([
      pages({ searchQuery: 'all:testing', max: 10, pageSize: 5 }, arxiv),
      pages({ searchQuery: 'cat:cs.LG', max: 5, pageSize: 5 }, arxiv),
    ]);
    expect(sentAt).toHaveLength(3);
    const sorted = [...sentAt].sort((a, b) => a - b);
    expect(sorted.slice(1).map((time, i) => time - (sorted[i] ?? 0))).toEqual([3000, 3000]);
  });

  it('asks again when arXiv answers an empty page although results remain', async () => {
    const recorded = readFixture('arxiv-query-testing.xml');
    const empty = `${recorded.slice(0, recorded.indexOf('<entry>')).replace(/(<opensearch:totalResults>)\d+/, '$110')}</feed>\n`;
    let calls = 0;
    const flaky: typeof fetch = (input, init) => (++calls === 1 ? Promise.resolve(new Response(empty)) : fetch(input, init));
    const result = await pages({ searchQuery: 'all:testing', max: 10 }, client(flaky));
    expect(result.flatMap((page) => entryIds(page.xml))).toEqual(TESTING_IDS);
    expect(calls).toBe(2);
  });

  it('reports a web page instead of the feed, and retries a cut-off feed', async () => {
    server.inject({ kind: 'truncate' }, { path: '/api/query' });
    await expect(pages({ searchQuery: 'all:testing', max: 3 })).resolves.toHaveLength(1);
    expect(server.requests.map((request) => request.fault)).toEqual(['truncate', null]);
    server.inject({ kind: 'html' }, { path: '/api/query' });
    await expect(pages({ searchQuery: 'all:testing', max: 3 })).rejects.toMatchObject({
      kind: 'not-atom',
      message: `${new URL(server.url).host} sent a web page instead of an Atom feed for /api/query — your library is unchanged`,
    });
  });

  it('treats a feed without its closing tag as cut off, even when the HTTP response looked complete', async () => {
    const recorded = readFixture('arxiv-query-testing.xml');
    const cut: typeof fetch = async () => new Response(recorded.slice(0, recorded.length / 2));
    await expect(pages({ searchQuery: 'all:testing', max: 3 }, client(cut))).rejects.toMatchObject({ kind: 'truncated' });
    // Retried as often as the client allows, each attempt spaced by the limiter.
    expect(sentAt).toHaveLength(5);
  });

  it('reads the replayed feed entries exactly as recorded', () => {
    expect(atomEntries(readFixture('arxiv-query-transformer-cs.LG.xml'))).toHaveLength(5);
  });
});
