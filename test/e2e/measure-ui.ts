/**
 * Measures the window in Chromium at scale (not a test: it prints numbers, it asserts nothing):
 *   npx tsx test/e2e/measure-ui.ts [--papers 10000] [--runs 5] [--data-dir DIR]
 * (--data-dir keeps the generated library there, and reuses it on the next run.)
 * - page load -> first list row rendered (ms since navigation start)
 * - search: the query entered -> the list settled on its results (one input event)
 * - typing at ~10 keys/s: last key -> list settled, and the longest frame gap while typing
 * - two tabs: a star in one -> shown in the other
 * - the server's reload of the library after another process changed it (Library.open)
 * The papers are synthesized from the recorded HF Daily Papers fixtures (real titles, abstracts and
 * authors, recombined), imported with the real CLI, and served with `papershelf serve`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { Library } from '../../src/library/library.ts';
import { BIN, startServe, type ServeProcess } from '../server/serve-process.ts';
import { launchChromium, openPage } from './chromium.ts';

const { values } = parseArgs({
  options: { papers: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' }, 'data-dir': { type: 'string' } },
});
const PAPERS = Number(values.papers);
const RUNS = Number(values.runs);
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');
const QUERIES = ['transformer', 'diffusion model', 'agent benchmark', 'title:reasoning', 'sparse attention', 'language model evaluation', 'robot', 'reinforcement learning reward'];

interface Template {
  title: string;
  summary: string;
  authors: Array<{ name: string }>;
}

/** Deterministic, so runs compare. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function synthesize(count: number): string {
  const templates: Template[] = ['hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json'].flatMap((name) =>
    (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Array<{ paper: Template }>).map((item) => item.paper),
  );
  const sentences = templates.flatMap((t) => t.summary.split(/(?<=\.)\s+/));
  const titleWords = templates.flatMap((t) => t.title.split(/\s+/));
  const next = random(42);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const items = Array.from({ length: count }, (_, i) => {
    const base = templates[i % templates.length]!;
    const title = `${base.title.split(':')[0]}: ${Array.from({ length: 5 }, () => pick(titleWords)).join(' ')} ${i}`;
    const summary = Array.from({ length: 6 }, () => pick(sentences)).join(' ');
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 900) * 86_400_000).toISOString();
    const id = `27${String(Math.floor(i / 100_000) + 1).padStart(2, '0')}.${String(i % 100_000).padStart(5, '0')}`;
    return { paper: { id, title, summary, authors: base.authors, publishedAt: day, upvotes: Math.floor(next() * 200) } };
  });
  return JSON.stringify(items);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;
const summary = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, p90 ${p90(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;

/**
 * Records, in page time: first list row, every change to the list or its count, every input, frame
 * gaps. Plain source text: tsx would wrap named functions in a helper the page does not have.
 */
const RECORDER = `
  const perf = { firstRowAt: null, lastChange: 0, lastInput: 0, maxFrameGap: 0, frames: false };
  window.__perf = perf;
  new MutationObserver((records) => {
    const list = document.querySelector('[role="listbox"][aria-label="Papers"]');
    const now = performance.now();
    if (perf.firstRowAt === null && list && list.querySelector('[role="option"]')) perf.firstRowAt = now;
    const status = document.querySelector('.list-pane [role="status"]');
    if (records.some((r) => (list && (list.contains(r.target) || r.target === list)) || (status && status.contains(r.target)))) perf.lastChange = now;
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'aria-pressed'] });
  document.addEventListener('input', () => { perf.lastInput = performance.now(); }, true);
  let last = 0;
  requestAnimationFrame(function frame(t) {
    if (perf.frames && last) perf.maxFrameGap = Math.max(perf.maxFrameGap, t - last);
    last = t;
    requestAnimationFrame(frame);
  });
`;

type Perf = { firstRowAt: number | null; lastChange: number; lastInput: number; maxFrameGap: number; frames: boolean };
const perfOf = (page: Page) => page.evaluate(() => (globalThis as unknown as { __perf: Perf }).__perf);

/** Waits until the list has not changed for `quietMs`, and answers input -> last change. */
async function settledLatency(page: Page, quietMs = 800): Promise<number> {
  await page.waitForFunction((quiet) => {
    const perf = (globalThis as unknown as { __perf: Perf }).__perf;
    return perf.lastChange > perf.lastInput && performance.now() - perf.lastChange > quiet;
  }, quietMs, { timeout: 30_000 });
  const perf = await perfOf(page);
  return perf.lastChange - perf.lastInput;
}

async function apiTotal(serve: ServeProcess, query: string): Promise<number> {
  const response = await fetch(`${serve.origin}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
    body: JSON.stringify({ query, limit: 1 }),
  });
  return ((await response.json()) as { value: { total: number } }).value.total;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'papershelf-measure-'));
  const dataDir = values['data-dir'] ?? join(work, 'library');
  if (!existsSync(join(dataDir, 'papers', 'manifest.json'))) {
    const listing = join(work, 'listing.json');
    writeFileSync(listing, synthesize(PAPERS));
    const started = performance.now();
    const imported = spawnSync(process.execPath, [BIN, 'import', listing, '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(imported.stderr);
    console.log(`import of ${PAPERS} papers (CLI, including its start-up): ${(performance.now() - started).toFixed(0)} ms`);
  }
  const started = performance.now();
  const library = await Library.open(dataDir);
  console.log(`Library.open at ${library.stats().papers} papers (what the server does to reload after another process's change): ${(performance.now() - started).toFixed(0)} ms`);

  const serve = await startServe(dataDir);
  const browser = await launchChromium();
  try {
    const firstRows: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: RECORDER });
      const page = await context.newPage();
      await page.goto(serve.url);
      await page.waitForFunction(() => (globalThis as unknown as { __perf: Perf }).__perf.firstRowAt !== null, undefined, { timeout: 60_000 });
      firstRows.push((await perfOf(page)).firstRowAt!);
      await context.close();
    }
    console.log(`page load -> first list render: ${summary(firstRows)}`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    await page.goto(serve.url);
    await page.getByRole('listbox', { name: 'Papers' }).getByRole('option').first().waitFor();
    const box = page.getByRole('searchbox', { name: 'Search papers' });
    const searchLatencies: number[] = [];
    const typingLatencies: number[] = [];
    let worstGap = 0;
    for (let round = 0; round < Math.max(1, Math.floor(RUNS / 2)); round++) {
      for (const query of QUERIES) {
        await box.fill('');
        await settledLatency(page);
        await box.fill(query);
        searchLatencies.push(await settledLatency(page));
        const expected = await apiTotal(serve, query);
        const shown = await page.locator('.list-pane [role="status"]').textContent();
        if (!shown?.includes(expected.toLocaleString('en-US')) && !shown?.includes(String(expected))) {
          throw new Error(`the list shows "${shown}" for ${query}, the API ${expected}`);
        }
        await box.fill('');
        await settledLatency(page);
        await page.evaluate(() => {
          const perf = (globalThis as unknown as { __perf: Perf }).__perf;
          perf.maxFrameGap = 0;
          perf.frames = true;
        });
        await box.pressSequentially(query, { delay: 100 });
        typingLatencies.push(await settledLatency(page));
        const perf = await perfOf(page);
        worstGap = Math.max(worstGap, perf.maxFrameGap);
        await page.evaluate(() => ((globalThis as unknown as { __perf: Perf }).__perf.frames = false));
      }
    }
    console.log(`search (query entered at once) -> list settled: ${summary(searchLatencies)}`);
    console.log(`typing at 10 keys/s: last key -> list settled: ${summary(typingLatencies)}`);
    console.log(`longest frame gap while typing: ${worstGap.toFixed(0)} ms`);
    await box.fill('');

    const a = await openPage(browser, serve.url);
    const b = await openPage(browser, serve.url);
    const syncs: number[] = [];
    for (const tab of [a.page, b.page]) await tab.getByRole('listbox', { name: 'Papers' }).getByRole('option').first().click();
    const star = (tab: Page) => tab.getByRole('region', { name: 'Paper details' }).getByRole('button', { name: 'Star', exact: true });
    for (let run = 0; run < RUNS; run++) {
      const after = (await star(b.page).getAttribute('aria-pressed')) === 'true' ? 'false' : 'true';
      const clickedAt = Date.now();
      await star(a.page).click();
      await star(b.page).and(b.page.locator(`[aria-pressed="${after}"]`)).waitFor({ timeout: 10_000 });
      syncs.push(Date.now() - clickedAt);
    }
    console.log(`star in one tab -> shown in the other: ${summary(syncs)}`);
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
