import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchJob } from '../../src/api/contract.ts';
import { closedPort, fixtureDays, HF_SMALL_DAY } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import { arxivEntries, CallError, hfDay, hfItem, idsOf, openHarness, type Harness } from './fetch-harness.ts';

const host = (h: Harness): string => new URL(h.server.url).host;
const sources = async (h: Harness): Promise<Map<string, string[]>> => {
  const library = await h.reopen();
  return new Map(library.listPapers().results.map((paper) => [paper.id, paper.sources]));
};

describe('fetching Daily Papers', () => {
  it('imports a day with the hf-json fields, recorded as hf-daily', async () => {
    const h = await openHarness();
    const job = await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    expect(job).toMatchObject({ state: 'done', added: 2, updated: 0, unchanged: 0, done: 1, total: 1, requests: 1, error: null });
    const paper = await h.paper('2607.11886');
    expect(paper).toMatchObject({ title: 'Read It Back: Pretrained MLLMs Are Zero-Shot Reward Models for Text-to-Image Generation', upvotes: 24, sources: ['hf-daily'] });
    expect(paper.authors.slice(0, 2)).toEqual(['Runhui Huang', 'Qihui Zhang']);
    expect(paper.details.comments).toBe(2);
    expect(h.server.requests.map((request) => request.query)).toEqual([{ date: HF_SMALL_DAY, limit: '100', p: '0' }]);
  });

  it('refreshes upvotes and comment counts on a re-fetch instead of adding the papers again', async () => {
    const days = { '2026-07-14': [hfItem('2607.00001', { upvotes: 3, comments: 1 }), hfItem('2607.00002', { upvotes: 5 })] };
    const h = await openHarness({ hfDays: days });
    await h.run('fetchSource', { source: 'hf', date: '2026-07-14' });
    days['2026-07-14'] = [hfItem('2607.00001', { upvotes: 40, comments: 9 }), hfItem('2607.00002', { upvotes: 5 })];
    const again = await h.run('fetchSource', { source: 'hf', date: '2026-07-14' });
    expect(again).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(await h.paper('2607.00001')).toMatchObject({ upvotes: 40, details: { comments: 9 } });
    expect([...(await sources(h)).keys()].sort()).toEqual(['2607.00001', '2607.00002']);
  });

  it('pages a day of more than 100 papers and imports it as one batch', async () => {
    const h = await openHarness({ hfDays: { '2026-07-10': hfDay('2026-07-10', 150) } });
    const job = await h.run('fetchSource', { source: 'hf', date: '2026-07-10' });
    expect(job).toMatchObject({ added: 150, done: 1, requests: 2 });
    expect(h.server.requests.map((request) => request.query.p)).toEqual(['0', '1']);
    expect((await h.reopen()).stats().segments).toBe(1);
  });

  it('fetches a week day by day, reporting progress as fetch events', async () => {
    const h = await openHarness({ hfDays: { '2026-07-06': hfDay('2026-07-06', 3), '2026-07-08': hfDay('2026-07-08', 4) } });
    const job = await h.run('fetchSource', { source: 'hf', week: '2026-W28' });
    expect(job).toMatchObject({ state: 'done', label: 'Daily Papers 2026-07-06 to 2026-07-12', added: 7, done: 7, total: 7, requests: 7 });
    expect(h.server.requests.map((request) => request.query.date)).toEqual(['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10', '2026-07-11', '2026-07-12']);
    const progress = h.events.flatMap((event) => (event.kind === 'fetch' && event.job?.id === job.id ? [event.job] : []));
    expect([...new Set(progress.map((seen) => seen.done))]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(progress.at(-1)).toMatchObject({ finished: true, state: 'done' });
    expect(progress.filter((seen) => seen.finished)).toHaveLength(1);
    expect(progress.find((seen) => seen.done === 3)?.message).toBe('2026-07-08: 4 papers (4 added, 0 updated, 0 unchanged)');
  });

  it('keeps the whole days fetched before a failure, and nothing of the failing day', async () => {
    const days = { '2026-07-01': hfDay('2026-07-01', 3), '2026-07-02': hfDay('2026-07-02', 3), '2026-07-03': hfDay('2026-07-03', 3) };
    const h = await openHarness({ hfDays: days });
    // The third day fails on every attempt (the first and four retries).
    h.jobs.subscribe((event) => {
      if (event.job?.done === 2 && !event.job.finished && h.server.requests.length === 2) h.server.inject({ kind: 'status', status: 500 }, { times: 5 });
    });
    const job = await h.run('fetchSource', { source: 'hf', from: '2026-07-01', to: '2026-07-05' });
    expect(job).toMatchObject({ state: 'failed', added: 6, done: 2 });
    expect(job.error).toEqual({
      code: 'internal',
      message: `${host(h)} answered HTTP 500 Internal Server Error for /api/daily_papers — 2 batches imported before the failure, library consistent`,
    });
    expect([...(await sources(h)).keys()].sort()).toEqual([...idsOf(days['2026-07-01']), ...idsOf(days['2026-07-02'])].sort());
    expect(h.server.requests.filter((request) => request.query.date === '2026-07-04')).toEqual([]);
  });

  it('says offline, naming the host, and leaves the library unchanged when nothing answers', async () => {
    const h = await openHarness();
    const name = `127.0.0.1:${await closedPort()}`;
    h.jobs.environment.env = { PAPERSHELF_HF_URL: `http://${name}` };
    const job = await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    expect(job.error).toEqual({ code: 'offline', message: `offline: could not reach ${name} — your library is unchanged` });
    expect((await h.reopen()).stats().papers).toBe(0);
  });

  it('waits as long as Retry-After says on the injected clock, and tells the user it is retrying', async () => {
    const h = await openHarness();
    h.server.inject({ kind: 'status', status: 429, retryAfter: '7' });
    const job = await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    expect(job).toMatchObject({ state: 'done', added: 2, requests: 2 });
    expect(h.clock.sleeps).toEqual([7000]);
    const messages = h.events.flatMap((event) => (event.job ? [event.job.message] : []));
    expect(messages).toContain(`${host(h)} answered HTTP 429 Too Many Requests for /api/daily_papers; retrying in 7 s`);
  });

  it('rejects a web page instead of JSON without importing anything', async () => {
    const h = await openHarness();
    h.server.inject({ kind: 'html' });
    const job = await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    expect(job.error?.message).toBe(`${host(h)} sent a web page instead of JSON for /api/daily_papers (HTTP 200) — your library is unchanged`);
    expect((await h.reopen()).stats().papers).toBe(0);
  });
});

describe('fetching arXiv', () => {
  it('pages through the results three seconds apart on the injected clock', async () => {
    const h = await openHarness({ arxivFeeds: { testing: arxivEntries(250, '2026-07-14T12:00:00Z'), 'cs.LG': [] } });
    const sentAt: number[] = [];
    h.jobs.environment.fetch = (input, init) => (sentAt.push(h.clock.now()), fetch(input, init));
    const job = await h.run('fetchSource', { source: 'arxiv', query: 'all:testing', max: 250 });
    expect(job).toMatchObject({ state: 'done', added: 250, done: 3, total: 3, requests: 3 });
    expect(h.server.requests.map((request) => [request.query.start, request.query.max_results, request.query.sortBy])).toEqual([
      ['0', '100', 'submittedDate'],
      ['100', '100', 'submittedDate'],
      ['200', '50', 'submittedDate'],
    ]);
    expect(sentAt.slice(1).map((time, i) => time - sentAt[i]!)).toEqual([3000, 3000]);
    expect(h.server.requests[0]?.userAgent).toMatch(/^Papershelf\/\d+\.\d+\.\d+ \(desktop reading list; /);
    expect([...(await sources(h)).values()].every((list) => list.join() === 'arxiv')).toBe(true);
  });

  it('keeps at least three seconds between requests of two fetches running at once', async () => {
    // A clock that moves only when told, so the two jobs really wait for each other.
    const clock = new TestClock(false);
    const feeds = { testing: arxivEntries(200, '2026-07-14T12:00:00Z'), 'cs.LG': arxivEntries(100, '2026-07-14T12:00:00Z', 260800999) };
    const h = await openHarness({ arxivFeeds: feeds }, clock);
    const sentAt: number[] = [];
    h.jobs.environment.fetch = (input, init) => (sentAt.push(clock.now()), fetch(input, init));
    let finished = false;
    const both = Promise.all([
      h.run('fetchSource', { source: 'arxiv', query: 'all:testing', max: 200 }),
      h.run('fetchSource', { source: 'arxiv', query: 'cat:cs.LG', max: 100 }),
    ]).finally(() => (finished = true));
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      clock.advance(500);
    }
    expect((await both).map((job) => job.added)).toEqual([200, 100]);
    expect(sentAt).toHaveLength(3);
    const sorted = [...sentAt].sort((a, b) => a - b);
    expect(sorted.slice(1).map((time, i) => time - sorted[i]! >= 3000)).toEqual([true, true]);
  });

  it('reports a query arXiv rejects as the user\'s error', async () => {
    const h = await openHarness();
    const errorFeed = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title><summary>malformed query</summary></entry></feed>`;
    h.jobs.environment.fetch = async () => new Response(errorFeed, { headers: { 'content-type': 'application/atom+xml' } });
    const job = await h.run('fetchSource', { source: 'arxiv', query: 'all:x' });
    expect(job.error).toEqual({ code: 'bad-query', message: 'arXiv rejected the query "all:x": malformed query — your library is unchanged' });
  });
});

describe('cancelling', () => {
  it('stops after the current batch, keeping the batches already imported and sending nothing more', async () => {
    const days = Object.fromEntries(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04'].map((day) => [day, hfDay(day, 2)]));
    const h = await openHarness({ hfDays: days });
    let started: FetchJob | null = null;
    h.jobs.subscribe((event) => {
      if (started && event.job?.id === started.id && event.job.done === 2 && !event.job.finished) void h.call('cancelFetch', { job: started.id });
    });
    started = (await h.call('fetchSource', { source: 'hf', from: '2026-07-01', to: '2026-07-04' })).job;
    const job = await h.jobs.wait(started.id);
    expect(job).toMatchObject({ state: 'cancelled', done: 2, added: 4, error: { code: 'cancelled', message: 'cancelled — 2 batches imported, library consistent' } });
    expect(h.server.requests.map((request) => request.query.date)).toEqual(['2026-07-01', '2026-07-02']);
    expect((await h.reopen()).stats().papers).toBe(4);
  });

  it('cancels a request in flight, leaving the library unchanged', async () => {
    const h = await openHarness();
    h.jobs.environment.timeoutMs = 60_000;
    h.server.inject({ kind: 'hang' });
    const { job } = await h.call('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    while (h.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await h.call('cancelFetch', { job: job.id })).toEqual({ cancelled: true });
    expect(await h.jobs.wait(job.id)).toMatchObject({ state: 'cancelled', error: { message: 'cancelled — your library is unchanged' } });
    expect(await h.call('cancelFetch', { job: job.id })).toEqual({ cancelled: false });
    expect((await h.call('listFetchJobs', {})).jobs.map((listed) => [listed.id, listed.state])).toEqual([[job.id, 'cancelled']]);
  });
});

describe('a door that reopens its library', () => {
  it('gets the batches of a running job in the library it has open now', async () => {
    const h = await openHarness();
    const reopened = await h.reopen();
    const seen = { started: 0, reopened: 0 };
    h.library.subscribe((event) => void (event.kind === 'papers' && seen.started++));
    reopened.subscribe((event) => void (event.kind === 'papers' && seen.reopened++));
    h.jobs.useLibrary(() => reopened);
    await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY });
    expect(seen).toEqual({ started: 0, reopened: 1 });
    expect(reopened.getPaper('2607.11886').sources).toEqual(['hf-daily']);
  });
});

describe('checks before a job starts', () => {
  it('refuses bad days, bad queries and bad base URLs at once, starting no job', async () => {
    const h = await openHarness();
    const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: CallError) => [error.code, error.message]);
    expect(await failure(h.call('fetchSource', { source: 'hf', date: '2026-07-16' }))).toEqual(['bad-input', 'nothing to fetch: every day asked for is after today (2026-07-15)']);
    expect(await failure(h.call('fetchSource', { source: 'hf', date: '2026-02-30' }))).toEqual(['bad-input', 'date: "2026-02-30" is not a date (YYYY-MM-DD)']);
    expect(await failure(h.call('fetchSource', { source: 'hf', date: '2026-07-01', week: '2026-W27' }))).toEqual(['bad-input', expect.stringContaining('exactly one of')]);
    expect(await failure(h.call('fetchSource', { source: 'arxiv', query: 'cat:cs.LG AND (all:x' }))).toEqual(['bad-query', 'the arXiv query "cat:cs.LG AND (all:x" has unbalanced parentheses']);
    expect(await failure(h.call('fetchSource', { source: 'arxiv', query: '  ' }))).toEqual(['bad-input', 'query: the arXiv query is empty']);
    h.jobs.environment.env = { PAPERSHELF_HF_URL: 'ftp://mirror' };
    expect(await failure(h.call('fetchSource', { source: 'hf' }))).toEqual(['bad-input', 'PAPERSHELF_HF_URL: "ftp://mirror" must start with http:// or https://']);
    expect(h.jobs.list()).toEqual([]);
    expect(h.server.requests).toEqual([]);
  });

  it('takes base URLs from subscriptions.json when the environment names none', async () => {
    const h = await openHarness({ hfDays: fixtureDays() });
    writeFileSync(join(h.dir, 'subscriptions.json'), JSON.stringify({ schemaVersion: 1, sources: { hfBaseUrl: h.server.url }, follows: [] }));
    h.jobs.environment.env = {};
    expect(await h.run('fetchSource', { source: 'hf', date: HF_SMALL_DAY })).toMatchObject({ state: 'done', added: 2 });
    writeFileSync(join(h.dir, 'subscriptions.json'), JSON.stringify({ schemaVersion: 1, sources: { hfBaseUrl: 'not a url' }, follows: [] }));
    await expect(h.call('fetchSource', { source: 'hf' })).rejects.toMatchObject({ code: 'bad-input', message: 'subscriptions.json sources.hfBaseUrl: "not a url" is not a URL' });
  });
});
