/**
 * Pictures of the main views, light and dark, empty and full library, saved under __screenshots__/
 * so the team can see the app without running it. Each view is first checked to be what it claims.
 */
import './e2e-setup.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import type { ServeProcess } from '../server/serve-process.ts';
import { details, notePreview, openPaper, paperList, search, waitForRows } from './app-page.ts';
import { launchChromium, openPage, VIEWPORT } from './chromium.ts';
import { api, importFixtures, libraryFolder, removeFolder, requireBuiltWindow, serveLibrary } from './e2e-library.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', '__screenshots__');
const SCHEMES = ['light', 'dark'] as const;
const FEATURED = 'MiniMax Sparse Attention';
const NOTE = '## Take-aways\n\n- **28x** less attention compute at 1M context\n- cost per query $O(k \\cdot b)$ for $k$ selected blocks\n\n$$\n\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d}}\\right)V\n$$\n';

const folders: string[] = [];
const servers: ServeProcess[] = [];
let browser: Browser;

beforeAll(async () => {
  requireBuiltWindow();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const serve of servers) await serve.stop();
  for (const dir of folders) removeFolder(dir);
});

async function serveFolder(fill: (dir: string) => void): Promise<ServeProcess> {
  const dir = libraryFolder();
  folders.push(dir);
  fill(dir);
  const serve = await serveLibrary(dir);
  servers.push(serve);
  return serve;
}

/** Saves the page once its fonts are in, and checks that a PNG of the viewport's size was written. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  // The pointer would leave a hover highlight wherever the last click was.
  await page.mouse.move(0, VIEWPORT.height - 1);
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
}

/**
 * Whether the window is painted dark: the first opaque background behind the search box. Page code
 * as text, because the tests' TypeScript has no DOM library (src/ must not see one).
 */
const IS_DARK = `(() => {
  const dark = (color) => {
    const [r = 0, g = 0, b = 0, alpha = 1] = (color.match(/[\\d.]+/g) || []).map(Number);
    return alpha > 0.5 ? r + g + b < 3 * 128 : null;
  };
  for (let el = document.querySelector('[role="searchbox"]'); el; el = el.parentElement) {
    const answer = dark(getComputedStyle(el).backgroundColor);
    if (answer !== null) return answer;
  }
  return dark(getComputedStyle(document.documentElement).backgroundColor) ?? false;
})()`;

async function isDark(page: Page): Promise<boolean> {
  return (await page.evaluate(IS_DARK)) as boolean;
}

describe('screenshots of the main views', { timeout: 120_000 }, () => {
  it('empty library: the welcome', async () => {
    const serve = await serveFolder(() => {});
    for (const colorScheme of SCHEMES) {
      const { page } = await openPage(browser, serve.url, { colorScheme });
      await page.getByRole('heading', { name: 'Welcome to Papershelf' }).waitFor();
      expect(await isDark(page)).toBe(colorScheme === 'dark');
      await shoot(page, `empty-${colorScheme}`);
      await page.context().close();
    }
  });

  it('full library: the list and a paper with its note, then search results', async () => {
    const serve = await serveFolder((dir) => importFixtures(dir));
    const { results } = await api<{ results: Array<{ id: string; title: string }> }>(serve, 'search', { query: 'title:minimax' });
    const id = results.find((paper) => paper.title === FEATURED)!.id;
    await api(serve, 'setStar', { id, starred: true });
    await api(serve, 'addTags', { id, tags: ['long-context', 'attention'] });
    await api(serve, 'setStatus', { id, status: 'reading' });
    await api(serve, 'setNote', { id, text: NOTE });

    for (const colorScheme of SCHEMES) {
      const { page, errors } = await openPage(browser, serve.url, { colorScheme });
      await waitForRows(page);
      await search(page, '');
      await openPaper(page, FEATURED);
      await notePreview(page).locator('.katex-display').waitFor();
      await details(page).getByRole('list', { name: 'Tags' }).getByText('long-context').waitFor();
      expect(await isDark(page)).toBe(colorScheme === 'dark');
      await shoot(page, `library-${colorScheme}`);
      await notePreview(page).scrollIntoViewIfNeeded();
      await shoot(page, `note-${colorScheme}`);

      await search(page, 'diffusion transformer');
      await paperList(page).getByRole('option', { name: /Diffusion Transformer/ }).first().waitFor();
      await openPaper(page, 'GF-DiT: Scheduling Parallelism for Diffusion Transformer Serving');
      await details(page).locator('mark').first().waitFor();
      await shoot(page, `search-${colorScheme}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
