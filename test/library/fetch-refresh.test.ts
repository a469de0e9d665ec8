import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchJob } from '../../src/api/contract.ts';
import { closedPort } from '../helpers/replay-server.ts';
import { arxivEntries, hfDay, hfItem, idsOf, openHarness, type Harness } from './fetch-harness.ts';

const DAY_MS = 86_400_000;
const requestedDays = (h: Harness, from = 0): Array<string | undefined> => h.server.requests.slice(from).map((request) => request.query.date);
const follows = async (h: Harness) => (await h.call('listFollows', {})).follows;
const paperIds = async (h: Harness): Promise<string[]> => (await h.reopen()).listPapers().results.map((paper) => paper.id).sort();

/** Fails every attempt at the next day once `done` batches of the running job are in. */
function failAfter(h: Harness, done: number): void {
  let armed = true;
  h.jobs.subscribe((event) => {
    if (armed && event.job?.done === done && !event.job.finished) {
      armed = false;
      h.server.inject({ kind: 'status', status: 500 }, { times: 5 });
    }
  });
}

describe('refreshing Daily Papers', () => {
  it('fetches the last seven days the first time, then only what is new, re-fetching the day that was today', async () => {
    const days: Record<string, unknown[]> = { '2026-07-10': hfDay('2026-07-10', 2), '2026-07-15': [hfItem('2607.15000', { upvotes: 1 })] };
    const h = await openHarness({ hfDays: days });
    expect(await h.call('follow', { kind: 'hf-daily' })).toMatchObject({ added: true, follow: { id: 'hf-daily', progress: 'next refresh fetches the last 7 days' } });
    const first = await h.run('refresh', {});
    expect(first).toMatchObject({ state: 'done', added: 3, done: 7, requests: 7 });
    expect(requestedDays(h)).toEqual(['2026-07-09', '2026-07-10', '2026-07-11', '2026-07-12', '2026-07-13', '2026-07-14', '2026-07-15']);
    expect((await follows(h))[0]).toMatchObject({ lastError: null, progress: 'complete through 2026-07-14; next refresh fetches 2026-07-15 through today' });

    days['2026-07-15'] = [hfItem('2607.15000', { upvotes: 12 })];
    const sameDay = await h.run('refresh', {});
    expect(requestedDays(h, 7)).toEqual(['2026-07-15']);
    expect(sameDay).toMatchObject({ added: 0, updated: 1 });
    expect((await h.paper('2607.15000')).upvotes).toBe(12);

    h.clock.time += 2 * DAY_MS;
    await h.run('refresh', {});
    expect(requestedDays(h, 8)).toEqual(['2026-07-15', '2026-07-16', '2026-07-17']);
    expect(await paperIds(h)).toEqual([...idsOf(days['2026-07-10']!), '2607.15000'].sort());
  });

  it('resumes after a failure on day 3 of 5 at day 3, without fetching days 1 and 2 again', async () => {
    const dates = ['2026-07-11', '2026-07-12', '2026-07-13', '2026-07-14', '2026-07-15'];
    const days = Object.fromEntries(dates.map((day) => [day, hfDay(day, 2)]));
    const h = await openHarness({ hfDays: days });
    await h.call('follow', { kind: 'hf-daily', since: '2026-07-11' });
    failAfter(h, 2);
    const failed = await h.run('refresh', {});
    expect(failed).toMatchObject({ state: 'failed', done: 2, added: 4 });
    expect(failed.error?.message).toBe(
      `Hugging Face Daily Papers: ${new URL(h.server.url).host} answered HTTP 500 Internal Server Error for /api/daily_papers — 2 batches imported before the failure, library consistent`,
    );
    expect(await paperIds(h)).toEqual([...idsOf(days['2026-07-11']!), ...idsOf(days['2026-07-12']!)].sort());
    expect((await follows(h))[0]).toMatchObject({ lastFetchAt: null, lastError: failed.error?.message, progress: expect.stringContaining('complete through 2026-07-12') });

    const before = h.server.requests.length;
    const resumed = await h.run('refresh', {});
    expect(resumed).toMatchObject({ state: 'done', added: 6, updated: 0, unchanged: 0 });
    expect(requestedDays(h, before)).toEqual(['2026-07-13', '2026-07-14', '2026-07-15']);
    expect(await paperIds(h)).toEqual(dates.flatMap((day) => idsOf(days[day]!)).sort());
    expect((await follows(h))[0]).toMatchObject({ lastError: null, lastFetchAt: expect.any(String) });
  });

  it('records the progress of a cancelled refresh, and the next one continues from there', async () => {
    const dates = ['2026-07-12', '2026-07-13', '2026-07-14', '2026-07-15'];
    const h = await openHarness({ hfDays: Object.fromEntries(dates.map((day) => [day, hfDay(day, 1)])) });
    await h.call('follow', { kind: 'hf-daily', since: '2026-07-12' });
    let job: FetchJob | null = null;
    h.jobs.subscribe((event) => {
      if (job && event.job?.id === job.id && event.job.done === 2 && !event.job.finished) h.jobs.cancel(job.id);
    });
    job = (await h.call('refresh', {})).job;
    expect(await h.jobs.wait(job.id)).toMatchObject({ state: 'cancelled', error: { message: 'cancelled — 2 batches imported, library consistent' } });
    const before = h.server.requests.length;
    await h.run('refresh', {});
    expect(requestedDays(h, before)).toEqual(['2026-07-14', '2026-07-15']);
    expect(await paperIds(h)).toHaveLength(4);
  });
});

describe('refreshing an arXiv follow', () => {
  it('fetches the newest `max` results first, then only results submitted since the newest one', async () => {
    const feed = { testing: arxivEntries(300, '2026-07-14T12:00:00Z'), 'cs.LG': [] as string[] };
    const h = await openHarness({ arxivFeeds: feed });
    await h.call('follow', { kind: 'arxiv', query: 'all:testing', max: 150 });
    const first = await h.run('refresh', {});
    expect(first).toMatchObject({ state: 'done', added: 150, done: 2, total: 2, requests: 2 });
    expect((await follows(h))[0]?.progress).toBe('next refresh fetches results submitted since 2026-07-14T12:00:00.000Z');

    // Thirty newer papers appear at the top of the newest-first listing.
    feed.testing.unshift(...arxivEntries(30, '2026-07-15T18:00:00Z', 260899999));
    const before = h.server.requests.length;
    const second = await h.run('refresh', {});
    expect(second).toMatchObject({ state: 'done', added: 30, unchanged: 1, requests: 1 });
    expect(h.server.requests.slice(before).map((request) => [request.query.start, request.query.sortBy])).toEqual([['0', 'submittedDate']]);
    expect(await paperIds(h)).toHaveLength(180);
  });

  it('resumes an interrupted refresh at the paging offset where it stopped', async () => {
    const feed = { testing: arxivEntries(300, '2026-07-14T12:00:00Z'), 'cs.LG': [] as string[] };
    const h = await openHarness({ arxivFeeds: feed });
    await h.call('follow', { kind: 'arxiv', query: 'all:testing', max: 300 });
    failAfter(h, 1);
    const failed = await h.run('refresh', {});
    expect(failed).toMatchObject({ state: 'failed', added: 100 });
    expect((await follows(h))[0]?.progress).toBe('interrupted after 100 results; next refresh continues at result 101');
    const before = h.server.requests.length;
    const resumed = await h.run('refresh', {});
    expect(resumed).toMatchObject({ state: 'done', added: 200, updated: 0, unchanged: 0 });
    expect(h.server.requests.slice(before).map((request) => request.query.start)).toEqual(['100', '200']);
    expect(await paperIds(h)).toHaveLength(300);
    expect((await follows(h))[0]?.progress).toBe('next refresh fetches results submitted since 2026-07-14T12:00:00.000Z');
  });
});

describe('refresh as a whole', () => {
  it('goes on with the other follows when one fails, and reports each', async () => {
    const h = await openHarness({ arxivFeeds: { testing: arxivEntries(5, '2026-07-14T12:00:00Z'), 'cs.LG': [] } });
    const offline = `127.0.0.1:${await closedPort()}`;
    h.jobs.environment.env = { PAPERSHELF_HF_URL: `http://${offline}`, PAPERSHELF_ARXIV_URL: h.server.url };
    await h.call('follow', { kind: 'hf-daily' });
    await h.call('follow', { kind: 'arxiv', query: 'all:testing' });
    const job = await h.run('refresh', {});
    expect(job.parts.map((part) => [part.id, part.added, part.error?.code ?? null])).toEqual([
      ['hf-daily', 0, 'offline'],
      [expect.stringMatching(/^arxiv-[0-9a-f]{8}$/), 5, null],
    ]);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'offline', message: `Hugging Face Daily Papers: offline: could not reach ${offline} — your library is unchanged` } });
  });

  it('runs one refresh at a time: the running one is returned here, and another process is refused', async () => {
    const h = await openHarness();
    await h.call('follow', { kind: 'hf-daily' });
    const first = await h.call('refresh', {});
    expect((await h.call('refresh', {})).job.id).toBe(first.job.id);
    await h.jobs.wait(first.job.id);
    // A live process (our parent) holds the refresh lock, as a CLI refreshing the same folder would.
    writeFileSync(join(h.dir, 'refresh.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), token: 'other', createdAt: new Date().toISOString() }));
    const refused = await h.run('refresh', {});
    expect(refused.error).toEqual({
      code: 'internal',
      message: expect.stringMatching(
        new RegExp(`^another Papershelf process \\(process ${process.ppid} on ${hostname()}, since [0-9T:.Z-]+\\) is refreshing this library; try again when it has finished — your library is unchanged$`),
      ),
    });
  });

  it('says what to do when nothing is followed, and follows and unfollows through the contract', async () => {
    const h = await openHarness();
    await expect(h.call('refresh', {})).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('nothing is followed yet') });
    const { follow } = await h.call('follow', { kind: 'arxiv', query: '  cat:cs.LG   AND all:reward ' });
    expect(follow).toMatchObject({ kind: 'arxiv', query: 'cat:cs.LG AND all:reward', max: 100 });
    expect(await h.call('follow', { kind: 'arxiv', query: 'cat:cs.LG AND all:reward' })).toMatchObject({ added: false, follow: { id: follow.id } });
    await h.call('follow', { kind: 'hf-daily', since: '2026-07-01' });
    expect((await follows(h)).map((f) => f.id)).toEqual([follow.id, 'hf-daily']);
    expect(await h.call('unfollow', { id: 'cat:cs.LG AND all:reward' })).toMatchObject({ follow: { id: follow.id } });
    await expect(h.call('unfollow', { id: follow.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.call('follow', { kind: 'hf-daily', since: '2026-08-01' })).rejects.toMatchObject({ code: 'bad-input', message: 'since: 2026-08-01 is after today (2026-07-15)' });
    expect(h.events.filter((event) => event.kind === 'follows').map((event) => event.ids)).toEqual([[follow.id], ['hf-daily'], [follow.id]]);
  });
});
