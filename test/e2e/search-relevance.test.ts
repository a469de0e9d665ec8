/**
 * Searching in the window, in Debian's Chromium against `papershelf serve` (whose searches run in
 * its search worker): a query lists the best match first even when it is not the newest paper;
 * choosing Date sorts that query's results by date; clearing the query returns to the list's own
 * order, and the next query is relevance-first again. Then, at 10,000 papers, how long typing takes
 * to show its results (printed, not asserted: speed is measured, not tested).
 */
import './e2e-setup.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { buildVocabulary, syntheticPapers } from '../bench/synthetic-library.ts';
import { percentile } from '../bench/bench-measure.ts';
import type { ServeProcess } from '../server/serve-process.ts';
import { paperList, search, searchBox, waitForRows } from './app-page.ts';
import { launchChromium, openPage } from './chromium.ts';
import { api, removeFolder, serveLibrary } from './e2e-library.ts';
import { useServedApp } from './served-app.ts';

interface Found {
  total: number;
  results: Array<{ id: string; title: string }>;
}

const QUERY = 'reinforcement learning';
const sortBy = (page: Page) => page.getByRole('combobox', { name: 'Sort by' });
const firstRow = (page: Page) => paperList(page).getByRole('option').first();

/** The window asks with the last word as a prefix, as typed. */
const top = (serve: ServeProcess, input: Record<string, unknown>) => api<Found>(serve, input.query === undefined ? 'listPapers' : 'search', { ...input, limit: 1 });

describe('relevance first in the window', { timeout: 90_000 }, () => {
  const app = useServedApp();

  it('lists the best match first, sorts by date on request, and forgets that order with the query', async () => {
    const best = (await top(app.serve, { query: QUERY, prefixLast: true })).results[0]!;
    const newest = (await top(app.serve, { query: QUERY, prefixLast: true, sort: 'date' })).results[0]!;
    const listFirst = (await top(app.serve, { sort: 'date' })).results[0]!;
    // The check means something only where relevance and date disagree.
    expect(best.id, 'the best match for the query is also its newest paper; pick another query').not.toBe(newest.id);

    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await search(page, QUERY);
    await expect.poll(() => firstRow(page).textContent()).toContain(best.title);
    expect(await sortBy(page).inputValue()).toBe('relevance');

    await sortBy(page).selectOption('date');
    await expect.poll(() => firstRow(page).textContent()).toContain(newest.title);

    await searchBox(page).fill('');
    await expect.poll(() => firstRow(page).textContent()).toContain(listFirst.title);
    expect(await sortBy(page).inputValue()).toBe('date');
    expect(await sortBy(page).getByRole('option', { name: 'Relevance' }).count()).toBe(0);

    await search(page, QUERY);
    await expect.poll(() => firstRow(page).textContent()).toContain(best.title);
    expect(await sortBy(page).inputValue()).toBe('relevance');
    expect(errors).toEqual([]);
  });
});

/** Page time of the last input event and of the last change to the list or its count. */
const RECORDER = `
  const perf = { lastInput: 0, lastChange: 0 };
  window.__typing = perf;
  document.addEventListener('input', () => { perf.lastInput = performance.now(); }, true);
  new MutationObserver((records) => {
    const pane = document.querySelector('.list-pane');
    if (pane && records.some((r) => pane.contains(r.target))) perf.lastChange = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
`;

const TYPED = ['transformer', 'diffusion model', 'agent benchmark', 'title:reasoning', 'sparse attention', 'language model evaluation', 'robot', 'reinforcement learning reward'];
const LARGE = 10_000;

describe('typing at 10,000 papers', { timeout: 600_000 }, () => {
  let dataDir: string;
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'papershelf-typing-'));
    const vocabulary = buildVocabulary(2);
    const corpus = await Corpus.open(dataDir);
    for (let from = 0; from < LARGE; from += 2500) await corpus.commit({ upsert: syntheticPapers(vocabulary, from, 2500, 2), remove: [] });
    await corpus.close();
    serve = await serveLibrary(dataDir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dataDir) removeFolder(dataDir);
  });

  async function typingLatencies(): Promise<number[]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    await page.goto(serve.url);
    await waitForRows(page);
    const latencies: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const query of TYPED) {
        await searchBox(page).fill('');
        const expected = await top(serve, { query, prefixLast: true });
        await searchBox(page).pressSequentially(query, { delay: 100 });
        // The final results are on screen: the count and the best match of the whole query.
        await expect.poll(() => paperList(page).getByRole('option').first().textContent(), { timeout: 60_000 }).toContain(expected.results[0]!.title);
        await expect.poll(() => page.locator('.list-pane [role="status"]').textContent()).toMatch(new RegExp(`\\b(${expected.total}|${expected.total.toLocaleString('en-US')})\\b`));
        const perf = await page.evaluate(() => (globalThis as unknown as { __typing: { lastInput: number; lastChange: number } }).__typing);
        expect(perf.lastChange).toBeGreaterThan(perf.lastInput);
        latencies.push(perf.lastChange - perf.lastInput);
      }
    }
    await context.close();
    return latencies;
  }

  it('shows the final results of what was typed (keystroke -> list; p50/p95 printed)', async () => {
    const latencies = await typingLatencies();
    const ms = (p: number) => percentile(latencies, p).toFixed(0);
    console.log(`typing at 10 keys/s, ${LARGE.toLocaleString('en-US')} papers, search in the worker: last key -> final results shown: p50 ${ms(50)} ms, p95 ${ms(95)} ms (n=${latencies.length})`);
    expect(latencies).toHaveLength(TYPED.length * 2);
  });
});
