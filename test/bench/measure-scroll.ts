/**
 * How often the list shows "Loading…" placeholder rows while scrolling, in Chromium against
 * `papershelf serve` (not a test: it prints numbers and asserts nothing):
 *   npx tsx test/bench/measure-scroll.ts [--papers 5000,50000] [--runs 3] [--renderer DIR]...
 * For each library size and each built window (`--renderer`, repeatable; default build/renderer):
 * - a fast flick (10 rows a frame for 2 s): the share of animation frames with a placeholder row in view;
 * - jumps (the End and Home keys, a click on the scrollbar's track to the end and to the middle) and
 *   a scrollbar drag (the scroll position moved across the list for about 0.5 s): the longest
 *   stretch during which a placeholder stayed in view (for the drag, after the thumb stopped).
 * The libraries are synthesized from the recorded Daily Papers (real titles and abstracts,
 * recombined), imported with the real CLI once and kept in the temporary folder between runs. The
 * API goes to the server; the window's files come from the build being measured, so two builds of
 * the window (before and after a change) meet the same server and library.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium.ts';
import { BIN, startServe } from '../server/serve-process.ts';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '5000,50000' },
    runs: { type: 'string', default: '3' },
    renderer: { type: 'string', multiple: true },
  },
});
const SIZES = values.papers.split(',').map(Number);
const RUNS = Number(values.runs);
const REPO = join(import.meta.dirname, '../..');
const BUILDS = values.renderer ?? [join(REPO, 'build/renderer')];
const FIXTURES = join(REPO, '../shared/fixtures');

interface Template {
  title: string;
  summary: string;
  authors: Array<{ name: string }>;
}

/** Daily Papers API items: deterministic recombinations of the recorded ones. */
function synthesize(count: number): string {
  const templates: Template[] = ['hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json'].flatMap((name) =>
    (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Array<{ paper: Template }>).map((item) => item.paper),
  );
  let state = 7;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const items = Array.from({ length: count }, (_, i) => {
    const base = templates[i % templates.length] as Template;
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 1200) * 86_400_000).toISOString();
    const id = `27${String(Math.floor(i / 100_000) + 1).padStart(2, '0')}.${String(i % 100_000).padStart(5, '0')}`;
    return { paper: { id, title: `${base.title} (${i})`, summary: base.summary, authors: base.authors, publishedAt: day, upvotes: Math.floor(next() * 200) } };
  });
  return JSON.stringify(items);
}

function library(papers: number): string {
  const dir = join(tmpdir(), `papershelf-scroll-${papers}`);
  if (existsSync(join(dir, 'papers', 'manifest.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const items = JSON.parse(synthesize(papers)) as unknown[];
  const started = performance.now();
  // In files of 10,000 papers: the CLI refuses files over 64 MB.
  for (let from = 0; from < items.length; from += 10_000) {
    const listing = join(dir, '..', `papershelf-scroll-${papers}-${from}.json`);
    writeFileSync(listing, JSON.stringify(items.slice(from, from + 10_000)));
    const run = spawnSync(process.execPath, [BIN, 'import', listing, '--data-dir', dir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  }
  console.log(`imported ${papers} papers in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** Per animation frame: is a placeholder row inside the list's visible box? Plain source text for the page. */
const RECORDER = `
  const s = { on: false, frames: 0, shown: 0, since: null, longest: 0, lastShown: 0 };
  window.__scroll = s;
  const visible = () => {
    const list = document.querySelector('[role="listbox"][aria-label="Papers"]');
    if (!list) return false;
    const box = list.getBoundingClientRect();
    for (const row of list.querySelectorAll('.row-loading')) {
      const r = row.getBoundingClientRect();
      if (r.bottom > box.top + 1 && r.top < box.bottom - 1) return true;
    }
    return false;
  };
  requestAnimationFrame(function frame(t) {
    if (s.on) {
      s.frames += 1;
      if (visible()) {
        s.shown += 1;
        s.lastShown = t;
        if (s.since === null) s.since = t;
        s.longest = Math.max(s.longest, t - s.since);
      } else if (s.since !== null) {
        s.longest = Math.max(s.longest, t - s.since);
        s.since = null;
      }
    }
    requestAnimationFrame(frame);
  });
`;

type Frames = { frames: number; shown: number; longest: number; since: number | null; lastShown: number };

const start = (page: Page) =>
  page.evaluate(() => {
    const s = (globalThis as unknown as { __scroll: Frames & { on: boolean } }).__scroll;
    Object.assign(s, { on: true, frames: 0, shown: 0, since: null, longest: 0, lastShown: 0 });
  });

/**
 * Stops recording once no placeholder has been in view for 1 s, and reads the record. Placeholders
 * still in view after 15 s count as a stretch up to then, and are said so (`stuck`).
 */
async function stop(page: Page): Promise<Frames> {
  const cleared = await page
    .waitForFunction(
      () => {
        const s = (globalThis as unknown as { __scroll: Frames }).__scroll;
        return s.since === null && performance.now() - s.lastShown > 1000;
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    )
    .then(
      () => true,
      () => false,
    );
  const record = await page.evaluate(() => {
    const s = (globalThis as unknown as { __scroll: Frames & { on: boolean } }).__scroll;
    s.on = false;
    return { ...s, longest: s.since === null ? s.longest : Math.max(s.longest, performance.now() - s.since) };
  });
  if (!cleared) console.log(`  placeholders still in view after 15 s (stuck)`);
  return record;
}

async function openWindow(browser: Browser, url: string, origin: string, build: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: RECORDER });
  // The window's own files come from the build being measured; the API from the server.
  await context.route(`${origin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/api/')) return route.continue();
    const file = normalize(join(build, path === '/' ? 'index.html' : path));
    if (!file.startsWith(normalize(build)) || !existsSync(file)) return route.continue();
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain', '.woff2': 'font/woff2' };
    return route.fulfill({ body: readFileSync(file), contentType: types[extname(file)] ?? 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('listbox', { name: 'Papers' }).getByRole('option').first().waitFor({ timeout: 60_000 });
  return page;
}

/**
 * A fast flick, as a wheel or touchpad with momentum scrolls: 600 px (10 rows) every frame for 2 s,
 * driven by the page's own animation frames (Playwright's wheel events arrive far slower).
 */
async function flick(page: Page): Promise<Frames> {
  await scrollShare(page, 0);
  await page.waitForTimeout(500);
  await start(page);
  await page.evaluate(`new Promise((done) => {
    const list = document.querySelector('[role="listbox"][aria-label="Papers"]');
    const end = performance.now() + 2000;
    requestAnimationFrame(function step() {
      list.scrollTop += 600;
      if (performance.now() < end) requestAnimationFrame(step);
      else done();
    });
  })`);
  return stop(page);
}

/** A click on the scrollbar's track: the list jumps to `share` of its length at once. */
async function jump(page: Page, share: number): Promise<Frames> {
  await start(page);
  await scrollShare(page, share);
  return stop(page);
}

async function key(page: Page, name: string): Promise<Frames> {
  await page.getByRole('listbox', { name: 'Papers' }).focus();
  await start(page);
  await page.keyboard.press(name);
  return stop(page);
}

/** Where the list is scrolled to, as a share of how far it can scroll; sets it first when given. */
function scrollShare(page: Page, share?: number): Promise<number> {
  const set = share === undefined ? '' : `list.scrollTop = (list.scrollHeight - list.clientHeight) * ${share};`;
  return page.evaluate(`(() => {
    const list = document.querySelector('[role="listbox"][aria-label="Papers"]');
    ${set}
    return list.scrollTop / Math.max(1, list.scrollHeight - list.clientHeight);
  })()`);
}

/**
 * The scrollbar's thumb dragged from the top to 70 % of the list over about 0.5 s, then let go:
 * placeholders are expected while the thumb moves; what counts is how long they stay after it stops.
 */
async function drag(page: Page): Promise<{ during: number; after: number }> {
  await scrollShare(page, 0);
  await page.waitForTimeout(500);
  await start(page);
  for (let i = 1; i <= 30; i += 1) {
    await scrollShare(page, (0.7 * i) / 30);
    await page.waitForTimeout(16);
  }
  const during = await page.evaluate(() => (globalThis as unknown as { __scroll: Frames }).__scroll.frames);
  await start(page);
  const after = await stop(page);
  return { during, after: after.longest };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const papers of SIZES) {
      const serve = await startServe(library(papers));
      try {
        for (const build of BUILDS) {
          const results = { wheel: [] as number[], wheelLongest: [] as number[], end: [] as number[], home: [] as number[], bottom: [] as number[], middle: [] as number[], drag: [] as number[], dragFrames: [] as number[] };
          for (let run = 0; run < RUNS; run += 1) {
            const page = await openWindow(browser, serve.url, serve.origin, build);
            const flung = await flick(page);
            results.wheel.push(flung.shown / Math.max(1, flung.frames));
            results.wheelLongest.push(flung.longest);
            results.end.push((await key(page, 'End')).longest);
            results.home.push((await key(page, 'Home')).longest);
            results.bottom.push((await jump(page, 1)).longest);
            results.middle.push((await jump(page, 0.5)).longest);
            const dragged = await drag(page);
            results.drag.push(dragged.after);
            results.dragFrames.push(dragged.during);
            await page.context().close();
          }
          const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
          console.log(`\n${papers.toLocaleString('en-US')} papers, window ${build}`);
          console.log(`  fast flick: placeholder in view in ${(median(results.wheel) * 100).toFixed(1)} % of frames (runs: ${results.wheel.map((x) => (x * 100).toFixed(1)).join(', ')} %); longest stretch ${ms(results.wheelLongest)}`);
          console.log(`  End key: longest placeholder stretch ${ms(results.end)}`);
          console.log(`  Home key: longest placeholder stretch ${ms(results.home)}`);
          console.log(`  scrollbar jump to the end: longest placeholder stretch ${ms(results.bottom)}`);
          console.log(`  scrollbar jump to the middle: longest placeholder stretch ${ms(results.middle)}`);
          console.log(`  scrollbar drag (${median(results.dragFrames)} frames): placeholders in view after the thumb stopped for ${ms(results.drag)}`);
        }
      } finally {
        await serve.stop();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
