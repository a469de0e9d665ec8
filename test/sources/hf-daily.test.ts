import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchHfDay, fetchHfDays, type HfDay } from '../../src/sources/hf-daily.ts';
import { HttpClient } from '../../src/sources/http-client.ts';
import { userAgent } from '../../src/sources/source-config.ts';
import { fixtureDays, HF_RECORDED_DAY, HF_SMALL_DAY, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from './test-clock.ts';

let server: ReplayServer;
let hf: HttpClient;

beforeEach(async () => {
  server = await startReplayServer();
  hf = new HttpClient({ baseUrl: server.url, userAgent: userAgent(), clock: new TestClock() });
});
afterEach(() => server.close());

const ids = (items: unknown[]): string[] => items.map((item) => (item as { paper: { id: string } }).paper.id);

describe('fetchHfDay', () => {
  it('fetches the papers of one day', async () => {
    const day = await fetchHfDay(hf, HF_SMALL_DAY);
    expect(ids(day.items)).toEqual(['2607.11886', '2607.11111']);
    expect(day.requests).toBe(1);
    expect(server.requests.map((request) => request.query)).toEqual([{ date: HF_SMALL_DAY, limit: '100', p: '0' }]);
    expect(day.parsed.format).toBe('hf-json');
    expect(day.parsed.papers.map((paper) => [paper.arxivId, paper.title])).toEqual([
      ['2607.11886', 'Read It Back: Pretrained MLLMs Are Zero-Shot Reward Models for Text-to-Image Generation'],
      ['2607.11111', expect.any(String)],
    ]);
    expect(day.parsed.papers[0]?.authors.slice(0, 2)).toEqual(['Runhui Huang', 'Qihui Zhang']);
  });

  it('pages with limit and p until a short page, keeping every paper once and in order', async () => {
    const day = await fetchHfDay(hf, HF_RECORDED_DAY, { pageSize: 7 });
    expect(ids(day.items)).toEqual(ids(fixtureDays()[HF_RECORDED_DAY] ?? []));
    expect(day.items).toHaveLength(30);
    expect(day.parsed.papers).toHaveLength(30);
    expect(server.requests.map((request) => request.query.p)).toEqual(['0', '1', '2', '3', '4']);
    expect(new Set(server.requests.map((request) => request.query.limit))).toEqual(new Set(['7']));
  });

  it('asks once more when the last page was exactly full', async () => {
    const day = await fetchHfDay(hf, HF_RECORDED_DAY, { pageSize: 10 });
    expect(day.items).toHaveLength(30);
    expect(day.requests).toBe(4);
  });

  it('returns nothing for an empty day', async () => {
    const day = await fetchHfDay(hf, '2026-07-18');
    expect([day.items, day.parsed.papers, day.requests]).toEqual([[], [], 1]);
  });

  it('stops when a server ignores the page number instead of looping', async () => {
    const page = JSON.stringify(fixtureDays()[HF_RECORDED_DAY]?.slice(0, 5));
    const samePage = new HttpClient({ baseUrl: server.url, userAgent: userAgent(), fetch: async () => new Response(page) });
    const day = await fetchHfDay(samePage, HF_RECORDED_DAY, { pageSize: 5 });
    expect(day.items).toHaveLength(5);
    expect(day.requests).toBe(2);
  });

  it('rejects an answer that is not a list', async () => {
    const notList = new HttpClient({ baseUrl: server.url, userAgent: userAgent(), fetch: async () => new Response('{"error":"Invalid date"}') });
    await expect(fetchHfDay(notList, HF_SMALL_DAY)).rejects.toMatchObject({ kind: 'malformed', message: expect.stringContaining('not a list') });
  });
});

describe('fetchHfDays', () => {
  it('yields each day in order as soon as it is complete', async () => {
    const days: HfDay[] = [];
    for await (const day of fetchHfDays(hf, ['2026-07-14', HF_SMALL_DAY, '2026-07-16'])) days.push(day);
    expect(days.map((day) => [day.date, day.items.length])).toEqual([
      ['2026-07-14', 0],
      [HF_SMALL_DAY, 2],
      ['2026-07-16', 0],
    ]);
  });

  it('hands over the days done before a failure, so a refresh can resume after them', async () => {
    const done: string[] = [];
    const failing = new HttpClient({ baseUrl: server.url, userAgent: userAgent(), clock: new TestClock(), retry: { retries: 1 } });
    const run = async (): Promise<void> => {
      for await (const day of fetchHfDays(failing, [HF_SMALL_DAY, '2026-07-16', '2026-07-17'])) {
        done.push(day.date);
        // The next day is not asked for until this one is handed over: make it fail twice.
        if (done.length === 1) server.inject({ kind: 'status', status: 500 }, { times: 2 });
      }
    };
    await expect(run()).rejects.toMatchObject({ kind: 'http', status: 500 });
    expect(done).toEqual([HF_SMALL_DAY]);
    expect(server.requests.map((request) => [request.query.date, request.fault])).toEqual([
      [HF_SMALL_DAY, null],
      ['2026-07-16', 'status'],
      ['2026-07-16', 'status'],
    ]);
  });
});
