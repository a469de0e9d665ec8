/**
 * A month of Daily Papers through `refresh`, against the replay server: proves the count of requests
 * and papers, and prints how long it took (never asserted: timing depends on the machine).
 * Measure with: npx vitest run test/library/fetch-month.test.ts
 */
import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/sources/date-range.ts';
import { hfDay, openHarness } from './fetch-harness.ts';

const PAPERS_PER_DAY = 30;

describe('refreshing a month of Daily Papers', () => {
  it('takes one request per day and one committed batch per day, then one request for today', async () => {
    const start = parseDay('2026-06-15');
    const dates = Array.from({ length: 31 }, (_, i) => formatDay(start + i * 86_400_000));
    expect(dates.at(-1)).toBe('2026-07-15');
    const h = await openHarness({ hfDays: Object.fromEntries(dates.map((day) => [day, hfDay(day, PAPERS_PER_DAY)])) });
    await h.call('follow', { kind: 'hf-daily', since: dates[0] });

    const began = performance.now();
    const month = await h.run('refresh', {});
    const took = performance.now() - began;
    expect(month).toMatchObject({ state: 'done', done: 31, requests: 31, added: 31 * PAPERS_PER_DAY });
    expect((await h.reopen()).stats()).toMatchObject({ papers: 31 * PAPERS_PER_DAY, segments: 31 });

    const againBegan = performance.now();
    const again = await h.run('refresh', {});
    const againTook = performance.now() - againBegan;
    expect(again).toMatchObject({ done: 1, requests: 1, added: 0, unchanged: PAPERS_PER_DAY });

    console.log(
      `refresh of a month of Daily Papers (31 days x ${PAPERS_PER_DAY} papers): ${month.requests} requests, ${took.toFixed(0)} ms; ` +
        `next refresh the same day: ${again.requests} request, ${againTook.toFixed(0)} ms`,
    );
  });
});
