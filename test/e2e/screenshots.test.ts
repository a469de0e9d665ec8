/**
 * Visual regression of the main views, light and dark, empty and full library, wide and narrow: each
 * view is first checked to be what it claims, then compared with its committed picture under
 * __screenshots__/ (screenshot-compare.ts); `npm run test:update-screenshots` rewrites the pictures.
 */
import './e2e-setup.ts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../server/serve-process.ts';
import { details, notePreview, openPaper, paperList, search, sidebar, waitForRows } from './app-page.ts';
import { launchChromium, openPage } from './chromium.ts';
import { api, importFixtures, libraryFolder, removeFolder, requireBuiltWindow, serveLibrary } from './e2e-library.ts';
import { matchScreenshot, STILL_PAGE } from './screenshot-compare.ts';

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

/** A page in a fixed locale, time zone and motion setting, so it draws the same on every run. */
function openStill(url: string, options: BrowserContextOptions): ReturnType<typeof openPage> {
  return openPage(browser, url, { ...STILL_PAGE, ...options });
}

/**
 * The list scrolls the selected row into view by however far it was when the selection landed;
 * centring it (page code as text: no DOM types here) gives every run the same rows.
 */
const CENTRE_SELECTED = `(() => {
  const selected = document.querySelector('[role="listbox"] [role="option"][aria-selected="true"]');
  selected?.scrollIntoView({ block: 'center' });
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
})()`;

/**
 * Parts of the window that arrive on their own answers: the follows (none in these libraries) and,
 * where the library has papers a listing page gave only by title, the resolving banner.
 */
async function settled(page: Page, library: 'empty' | 'fixtures'): Promise<void> {
  await page.getByText('Nothing followed yet.').waitFor({ state: 'attached' });
  if (library === 'fixtures') await page.getByRole('status', { name: 'Resolving papers' }).getByRole('button', { name: 'Resolve now' }).waitFor({ state: 'attached' });
}

async function shoot(page: Page, name: string, library: 'empty' | 'fixtures' = 'fixtures'): Promise<void> {
  await settled(page, library);
  await page.evaluate(CENTRE_SELECTED);
  await matchScreenshot(page, name);
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
      const { page } = await openStill(serve.url, { colorScheme });
      await page.getByRole('heading', { name: 'Welcome to Papershelf' }).waitFor();
      expect(await isDark(page)).toBe(colorScheme === 'dark');
      await shoot(page, `empty-${colorScheme}`, 'empty');
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
      const { page, errors } = await openStill(serve.url, { colorScheme });
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
  it('narrow windows: the list at 600×800, a paper in place of the list, the sidebar drawer at 800×600', async () => {
    const serve = await serveFolder((dir) => importFixtures(dir));
    for (const colorScheme of SCHEMES) {
      const { page, errors } = await openStill(serve.url, { colorScheme, viewport: { width: 600, height: 800 } });
      await waitForRows(page);
      expect(await isDark(page)).toBe(colorScheme === 'dark');
      await shoot(page, `narrow-600x800-list-${colorScheme}`);
      await search(page, FEATURED);
      await openPaper(page, FEATURED);
      await details(page).locator('mark').first().waitFor();
      expect(await paperList(page).isVisible()).toBe(false);
      await shoot(page, `narrow-600x800-paper-${colorScheme}`);
      await page.context().close();

      const wide = await openStill(serve.url, { colorScheme, viewport: { width: 800, height: 600 } });
      await waitForRows(wide.page);
      await search(wide.page, FEATURED);
      await openPaper(wide.page, FEATURED);
      await details(wide.page).locator('mark').first().waitFor();
      await wide.page.getByRole('button', { name: 'Library menu' }).click();
      await sidebar(wide.page).getByRole('button', { name: 'Starred' }).waitFor({ state: 'visible' });
      await shoot(wide.page, `narrow-800x600-drawer-${colorScheme}`);
      await wide.page.keyboard.press('Escape');
      await shoot(wide.page, `narrow-800x600-paper-${colorScheme}`);
      expect([...errors, ...wide.errors]).toEqual([]);
      await wide.page.context().close();
    }
  });
});
