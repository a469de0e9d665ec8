/**
 * The window at 600×800 and 800×600 in Chromium: nothing scrolls sideways, every control of the top
 * bar is on screen, the sidebar is behind its toggle, the detail pane shares or takes the width (with
 * Back below 700 px), and touch targets are 40 px. And at full width, the three panes as before.
 */
import './e2e-setup.ts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { details, loadedRows, openPaper, paperList, searchBox, sidebar, waitForRows } from './app-page.ts';
import { openPage } from './chromium.ts';
import { useServedApp } from './served-app.ts';
import { libraryFolder, removeFolder, serveLibrary } from './e2e-library.ts';

const PAPER = 'MiniMax Sparse Attention';
const app = useServedApp();

/** The top bar's controls, by the names a user (or a screen reader) knows them by. */
const topbarControls = (page: Page): Locator[] => [
  searchBox(page),
  page.getByRole('button', { name: 'Search syntax' }),
  page.getByRole('button', { name: 'Import' }),
  page.getByRole('button', { name: 'Export' }),
  page.getByRole('combobox', { name: 'Theme' }),
  page.getByRole('button', { name: 'Keyboard shortcuts' }),
];

/** Page code as text: the tests' TypeScript has no DOM library. */
const focusedName = async (page: Page): Promise<string | null> => (await page.evaluate('document.activeElement?.getAttribute("aria-label") ?? null')) as string | null;
/** The background of the sidebar entry whose label is `label`. */
const background = async (page: Page, label: string): Promise<string> =>
  (await page.evaluate(
    `getComputedStyle([...document.querySelectorAll('#library-sidebar .nav-item')].find((b) => b.querySelector('.nav-label')?.textContent === ${JSON.stringify(label)})).backgroundColor`,
  )) as string;

async function horizontalOverflow(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
}

/** The control's box lies wholly inside the viewport (and it is visible). */
async function onScreen(page: Page, control: Locator): Promise<string | null> {
  const viewport = page.viewportSize();
  const box = await control.boundingBox();
  if (!viewport || !box || !(await control.isVisible())) return 'not visible';
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  return inside ? null : `at ${Math.round(box.x)},${Math.round(box.y)} size ${Math.round(box.width)}×${Math.round(box.height)}`;
}

async function offScreen(page: Page, controls: Locator[]): Promise<string[]> {
  const problems: string[] = [];
  for (const control of controls) {
    const problem = await onScreen(page, control);
    if (problem) problems.push(`${control.toString()}: ${problem}`);
  }
  return problems;
}

async function shorterThan(controls: Locator[], min: number): Promise<string[]> {
  const small: string[] = [];
  for (const control of controls) {
    const box = await control.boundingBox();
    if (box && (box.height < min || box.width < min)) small.push(`${control.toString()}: ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}

describe('narrow windows', { timeout: 90_000 }, () => {
  for (const viewport of [
    { width: 600, height: 800 },
    { width: 800, height: 600 },
  ]) {
    const size = `${viewport.width}×${viewport.height}`;

    it(`${size}: no sideways scrolling, the top bar on screen, the sidebar behind its toggle`, async () => {
      const { page, errors } = await openPage(app.browser, app.serve.url, { viewport });
      await waitForRows(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      const toggle = page.getByRole('button', { name: 'Library menu' });
      expect(await offScreen(page, [...topbarControls(page), toggle, page.getByRole('combobox', { name: 'Sort by' })])).toEqual([]);
      expect(await shorterThan([...topbarControls(page), toggle], 40)).toEqual([]);

      // The sidebar is hidden until asked for, then every view is on screen; choosing one closes it.
      const starred = sidebar(page).getByRole('button', { name: 'Starred' });
      expect(await starred.isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toContain('All papers');
      expect(await offScreen(page, [sidebar(page).getByRole('button', { name: 'All papers' }), starred])).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await starred.click();
      await expect.poll(() => starred.isVisible()).toBe(false);
      await page.getByText(/No papers in this view yet/).waitFor();

      // Esc closes it too, and focus returns to the toggle.
      await toggle.click();
      await sidebar(page).getByRole('button', { name: 'All papers' }).click();
      await waitForRows(page);
      await toggle.click();
      await page.keyboard.press('Escape');
      await expect.poll(() => starred.isVisible()).toBe(false);
      expect(await focusedName(page)).toBe('Library menu');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('800×600: list and paper side by side, each readable', async () => {
    const { page } = await openPage(app.browser, app.serve.url, { viewport: { width: 800, height: 600 } });
    await waitForRows(page);
    await openPaper(page, (await loadedRows(page).first().getAttribute('aria-label')) ?? '');
    const list = await paperList(page).boundingBox();
    const detail = await details(page).boundingBox();
    expect(list && detail).toBeTruthy();
    expect(list!.width).toBeGreaterThanOrEqual(280);
    expect(detail!.width).toBeGreaterThanOrEqual(440);
    expect(detail!.x + detail!.width).toBeLessThanOrEqual(800);
    expect(await page.getByRole('button', { name: 'Back' }).isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('600×800: the paper replaces the list, Back returns to it with focus in the list', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url, { viewport: { width: 600, height: 800 } });
    await waitForRows(page);
    await searchBox(page).fill(PAPER);
    await openPaper(page, PAPER);
    expect(await paperList(page).isVisible()).toBe(false);
    const back = page.getByRole('button', { name: 'Back' });
    expect(await offScreen(page, [back, details(page).getByRole('button', { name: 'Star', exact: true })])).toEqual([]);
    expect(await shorterThan([back, details(page).getByRole('button', { name: 'Star', exact: true })], 40)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await back.click();
    await paperList(page).waitFor({ state: 'visible' });
    expect(await details(page).isVisible()).toBe(false);
    expect(await focusedName(page)).toBe('Papers');

    // From the keyboard: Enter on the list opens the selected paper again.
    await page.keyboard.press('Enter');
    await details(page).getByRole('heading', { level: 2, name: PAPER }).waitFor({ state: 'visible' });
    expect(await paperList(page).isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('empty library, narrow', { timeout: 60_000 }, () => {
  it('600×800: the welcome and its buttons fit, nothing scrolls sideways', async () => {
    const dir = libraryFolder();
    const empty = await serveLibrary(dir);
    try {
      const { page } = await openPage(app.browser, empty.url, { viewport: { width: 600, height: 800 } });
      await page.getByRole('heading', { name: 'Welcome to Papershelf' }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await offScreen(page, [...topbarControls(page), page.getByRole('button', { name: 'Paste a listing…' })])).toEqual([]);
      await page.context().close();
    } finally {
      await empty.stop();
      removeFolder(dir);
    }
  });
});

describe('wide window', { timeout: 60_000 }, () => {
  it('1280×800: three panes, no toggle, and the active view keeps its highlight under the pointer', async () => {
    const { page } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    expect(await page.getByRole('button', { name: 'Library menu' }).isVisible()).toBe(false);
    expect(await offScreen(page, [...topbarControls(page), sidebar(page).getByRole('button', { name: 'Starred' })])).toEqual([]);
    const active = sidebar(page).getByRole('button', { name: 'All papers' });
    const other = sidebar(page).getByRole('button', { name: 'Starred' });
    const selected = await background(page, 'All papers');
    const plain = await background(page, 'Starred');
    expect(selected).not.toBe(plain);
    await active.hover();
    expect(await background(page, 'All papers')).toBe(selected);
    await other.hover();
    expect(await background(page, 'Starred')).not.toBe(plain);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
