/**
 * Measures bulk actions in Chromium at scale (prints numbers, asserts nothing):
 *   npx tsx test/e2e/measure-bulk.ts [--papers 10000] [--runs 5] [--data-dir DIR]
 * - bulk star of 100 papers (rows 1–100 selected with click + Shift+click): the click on Star ->
 *   every selected row on screen shows the star (page time, polled each animation frame)
 * - Ctrl+A over the whole list -> the selection toolbar shows the count
 * - bulk star of every paper (Ctrl+A, then Star) -> the rows on screen show the star
 * The papers are synthesized from the recorded HF Daily Papers fixtures, imported with the real CLI
 * and served with `papershelf serve`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { BIN, startServe, type ServeProcess } from '../server/serve-process.ts';
import { launchChromium } from './chromium.ts';

const { values } = parseArgs({ options: { papers: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' }, 'data-dir': { type: 'string' } } });
const PAPERS = Number(values.papers);
const RUNS = Number(values.runs);
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

function synthesize(count: number): string {
  type Template = { title: string; summary: string; authors: Array<{ name: string }> };
  const templates: Template[] = ['hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json'].flatMap((name) =>
    (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Array<{ paper: Template }>).map((item) => item.paper),
  );
  const items = Array.from({ length: count }, (_, i) => {
    const base = templates[i % templates.length] as Template;
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString();
    const id = `27${String(Math.floor(i / 100_000) + 1).padStart(2, '0')}.${String(i % 100_000).padStart(5, '0')}`;
    return { paper: { id, title: `${base.title} ${i}`, summary: base.summary, authors: base.authors, publishedAt: day, upvotes: i % 200 } };
  });
  return JSON.stringify(items);
}

async function call(serve: ServeProcess, op: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${serve.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
    body: JSON.stringify(input),
  });
  return ((await response.json()) as { value: unknown }).value;
}

/** Clicks the button in the page and waits, frame by frame, until every selected row shows the star. */
const CLICK_AND_WAIT = `(async (name) => {
  const button = [...document.querySelectorAll('[role="toolbar"] button')].find((b) => b.textContent.trim() === name);
  const started = performance.now();
  button.click();
  await new Promise((resolve) => {
    const check = () => {
      const rows = [...document.querySelectorAll('[role="listbox"][aria-label="Papers"] [role="option"][aria-selected="true"]')];
      if (rows.length > 0 && rows.every((row) => row.textContent.includes('(starred)'))) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - started;
})`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const line = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;

async function selectFirstHundred(page: Page): Promise<void> {
  const list = page.getByRole('listbox', { name: 'Papers' });
  const scrollTo = (top: number) => page.evaluate(`document.querySelector('[role="listbox"][aria-label="Papers"]').scrollTop = ${top}`);
  await scrollTo(0);
  await list.locator('[aria-posinset="1"]').click();
  await scrollTo(99 * 60 - 200);
  await list.locator('[aria-posinset="100"]').click({ modifiers: ['Shift'] });
  await page.getByRole('heading', { name: '100 papers selected' }).waitFor();
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'papershelf-measure-bulk-'));
  const dataDir = values['data-dir'] ?? join(work, 'library');
  if (!existsSync(join(dataDir, 'papers', 'manifest.json'))) {
    const listing = join(work, 'listing.json');
    writeFileSync(listing, synthesize(PAPERS));
    const imported = spawnSync(process.execPath, [BIN, 'import', listing, '--data-dir', dataDir], { encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(imported.stderr);
  }
  const serve = await startServe(dataDir);
  const browser = await launchChromium();
  try {
    const hundred: number[] = [];
    const selectAll: number[] = [];
    const starAll: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ids = (await call(serve, 'listIds', {})) as { ids: string[] };
      await call(serve, 'applyChanges', { changes: ids.ids.map((id) => ({ id, starred: false })) });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(serve.url);
      await page.getByRole('listbox', { name: 'Papers' }).locator('[role="option"]:not([aria-busy])').first().waitFor({ timeout: 60_000 });
      await selectFirstHundred(page);
      hundred.push(Number(await page.evaluate(`${CLICK_AND_WAIT}('★ Star')`)));

      await page.keyboard.press('Escape');
      const started = Date.now();
      await page.keyboard.press('ControlOrMeta+a');
      await page.getByRole('heading', { name: `${PAPERS.toLocaleString('en-US')} papers selected` }).waitFor();
      selectAll.push(Date.now() - started);
      starAll.push(Number(await page.evaluate(`${CLICK_AND_WAIT}('★ Star')`)));
      await context.close();
    }
    console.log(`papers in the library: ${PAPERS}`);
    console.log(`bulk star of 100 selected papers, click -> rows show the star: ${line(hundred)}`);
    console.log(`Ctrl+A -> "${PAPERS} papers selected" (includes the key press round trip from the test): ${line(selectAll)}`);
    console.log(`bulk star of all ${PAPERS} papers, click -> rows show the star: ${line(starAll)}`);
  } finally {
    await browser.close();
    await serve.stop();
    if (!values['data-dir']) rmSync(work, { recursive: true, force: true });
  }
}

await main();
