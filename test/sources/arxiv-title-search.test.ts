import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchTitles, MAX_QUERY_URL_LENGTH, searchArxivTitles, titlePhrase } from '../../src/sources/arxiv-title-search.ts';
import { arxivClient } from '../../src/sources/clients.ts';
import type { HttpClient } from '../../src/sources/http-client.ts';
import { sourceConfig } from '../../src/sources/source-config.ts';
import { SourceError } from '../../src/sources/source-error.ts';
import { closedPort } from '../helpers/replay-server.ts';
import { startTitleServer, type TitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS, samplePapers } from '../library/enrich/sample-arxiv.ts';
import { TestClock } from './test-clock.ts';

let server: TitleServer;
let clock: TestClock;
let sentAt: number[];

beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
  clock = new TestClock();
  sentAt = [];
});
afterEach(() => server.close());

function client(url = server.url): HttpClient {
  const config = sourceConfig({}, { PAPERSHELF_ARXIV_URL: url });
  const recording: typeof fetch = (input, init) => {
    sentAt.push(clock.now());
    return fetch(input, init);
  };
  return arxivClient(config, { clock, fetch: recording, retry: { retries: 0 } });
}

describe('titlePhrase', () => {
  it('keeps only letters and digits, so no quote, colon or bracket can break the query', () => {
    expect(titlePhrase('From <Answer> to <Think>: "Multidimensional" (Supervision)')).toBe('From Answer to Think Multidimensional Supervision');
    expect(titlePhrase("Sample, Don't Search: ti:\"x\" OR au:y")).toBe('Sample Don t Search ti x OR au y');
    expect(titlePhrase('G\\"odel — Café')).toBe('G odel Cafe');
    expect(titlePhrase('?!… —')).toBeNull();
  });

  it('cuts a very long title at a word, well before the URL limit', () => {
    const phrase = titlePhrase('word '.repeat(400)) ?? '';
    expect(phrase.length).toBeLessThanOrEqual(160);
    expect(phrase.endsWith('word')).toBe(true);
  });
});

describe('batchTitles', () => {
  const length = (query: string) => new URL(`http://h/api/query?search_query=${encodeURIComponent(query)}`).href.length;

  it('puts up to ten phrases in one query joined with OR', () => {
    const titles = Array.from({ length: 23 }, (_, i) => `Paper number ${i}`);
    const { batches, unsearchable } = batchTitles(titles, length);
    expect(batches.map((b) => b.titles.length)).toEqual([10, 10, 3]);
    expect(batches[2]?.searchQuery).toBe('ti:"Paper number 20" OR ti:"Paper number 21" OR ti:"Paper number 22"');
    expect(batches[2]?.maxResults).toBe(12);
    expect(unsearchable).toEqual([]);
  });

  it('starts a new request before a URL would pass the limit', () => {
    const titles = Array.from({ length: 12 }, (_, i) => `${i} ${'longword '.repeat(17)}`.trim());
    const { batches } = batchTitles(titles, length);
    expect(batches[0]?.titles.length).toBeLessThan(10);
    expect(length(batches[0]?.searchQuery + ` OR ti:"${titlePhrase(titles[batches[0]?.titles.length ?? 0] ?? '')}"`)).toBeGreaterThan(MAX_QUERY_URL_LENGTH);
    for (const batch of batches) expect(length(batch.searchQuery)).toBeLessThanOrEqual(MAX_QUERY_URL_LENGTH);
    expect(batches.flatMap((b) => b.titles)).toEqual(titles);
  });

  it('asks once for titles that search alike, and reports titles it cannot search', () => {
    const { batches, unsearchable } = batchTitles(['GeoRef: A', 'GeoRef — A', '…'], length);
    expect(batches).toEqual([{ titles: ['GeoRef: A', 'GeoRef — A'], searchQuery: 'ti:"GeoRef A"', maxResults: 4 }]);
    expect(unsearchable).toEqual(['…']);
  });

  it('asks once for a title that searches like one in an earlier request', () => {
    const { batches } = batchTitles(['Alpha one', 'Beta two', 'ALPHA: one!'], length, { perRequest: 1 });
    expect(batches.map((b) => [b.titles, b.searchQuery])).toEqual([
      [['Alpha one', 'ALPHA: one!'], 'ti:"Alpha one"'],
      [['Beta two'], 'ti:"Beta two"'],
    ]);
  });
});

describe('searchArxivTitles', () => {
  it('asks for the 59 sample titles in six requests three seconds apart, as Papershelf, sorted by relevance', async () => {
    const titles = samplePapers().map((paper) => paper.title);
    const result = await searchArxivTitles(client(), titles);
    expect(result.requests).toBe(6);
    expect(server.requests).toHaveLength(6);
    expect(sentAt.map((at) => at - (sentAt[0] ?? 0))).toEqual([0, 3000, 6000, 9000, 12000, 15000]);
    expect(server.requests.every((request) => /^Papershelf\//.test(request.userAgent ?? '') && request.sortBy === 'relevance')).toBe(true);
    expect(result.answers.flatMap((answer) => answer.titles)).toEqual(titles);
    expect(result.answers.map((answer) => answer.entries.length)).toEqual([5, 3, 4, 4, 2, 0]);
    expect(result.warnings).toEqual([]);
    const first = result.answers[0]?.entries[0];
    expect(first).toMatchObject({ arxivId: '2509.21050', authorCount: 9, pdfUrl: 'https://arxiv.org/pdf/2509.21050', categories: ['cs.LG', 'cs.AI'] });
  });

  it('reports a query arXiv answers with an error feed and goes on with the next', async () => {
    const broken = await startTitleServer([]);
    try {
      let calls = 0;
      const config = sourceConfig({}, { PAPERSHELF_ARXIV_URL: broken.url });
      // The first request gets an error feed (as arXiv sends for a query it cannot parse).
      const send: typeof fetch = (input, init) => {
        calls += 1;
        const url = new URL(String(input));
        if (calls === 1) url.searchParams.set('search_query', 'not a title query');
        return fetch(url, init);
      };
      const arxiv = arxivClient(config, { clock, fetch: send, retry: { retries: 0 } });
      const result = await searchArxivTitles(arxiv, ['First title', 'Second title'], { perRequest: 1 });
      expect(result.requests).toBe(2);
      expect(result.answers.map((answer) => answer.titles)).toEqual([['Second title']]);
      expect(result.warnings).toEqual([expect.stringMatching(/^arXiv could not search for 1 title \(.*malformed query\)$/)]);
    } finally {
      await broken.close();
    }
  });

  it('fails as offline when arXiv cannot be reached, without answers', async () => {
    const port = await closedPort();
    const error = await searchArxivTitles(client(`http://127.0.0.1:${port}`), ['Some title']).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('offline');
  });
});
