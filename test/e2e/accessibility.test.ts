/**
 * axe-core on each main view of the served window, light and dark: the welcome, the list, a paper,
 * its note, every dialog and menu, and the narrow layouts. Serious or critical violations fail.
 */
import './e2e-setup.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../server/serve-process.ts';
import { details, noteField, notePreview, openPaper, search, sidebar, waitForRows } from './app-page.ts';
import { seriousViolations } from './axe.ts';
import { launchChromium, openPage } from './chromium.ts';
import { api, importFixtures, libraryFolder, removeFolder, requireBuiltWindow, serveLibrary } from './e2e-library.ts';

const SCHEMES = ['light', 'dark'] as const;
const FEATURED = 'MiniMax Sparse Attention';

const folders: string[] = [];
const servers: ServeProcess[] = [];
let browser: Browser;
let empty: ServeProcess;
let full: ServeProcess;

beforeAll(async () => {
  requireBuiltWindow();
  browser = await launchChromium();
  const emptyDir = libraryFolder();
  const fullDir = libraryFolder();
  folders.push(emptyDir, fullDir);
  importFixtures(fullDir);
  empty = await serveLibrary(emptyDir);
  full = await serveLibrary(fullDir);
  servers.push(empty, full);
  const { results } = await api<{ results: Array<{ id: string; title: string }> }>(full, 'search', { query: 'title:minimax' });
  const id = results.find((paper) => paper.title === FEATURED)?.id;
  if (!id) throw new Error(`the fixtures have no paper titled ${FEATURED}`);
  await api(full, 'addTags', { id, tags: ['long-context'] });
  // A first draft, so the note has an earlier version to list in its history.
  await api(full, 'setNote', { id, text: 'First draft: **sparse** attention' });
  await api(full, 'setNote', { id, text: '## Take-aways\n\n- **28x** less compute\n\n$$\nO(k \\cdot b)\n$$\n' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const serve of servers) await serve.stop();
  for (const dir of folders) removeFolder(dir);
});

/** Checks the page as it is now; the label says which view failed. */
async function check(page: Page, label: string, found: Record<string, string[]>): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) found[label] = violations;
}

describe('accessibility (axe-core): no serious or critical violations', { timeout: 180_000 }, () => {
  for (const colorScheme of SCHEMES) {
    it(`empty library, dialogs on it (${colorScheme})`, async () => {
      const found: Record<string, string[]> = {};
      const { page } = await openPage(browser, empty.url, { colorScheme });
      await page.getByRole('heading', { name: 'Welcome to Papershelf' }).waitFor();
      await check(page, 'welcome', found);
      await page.getByRole('button', { name: 'Paste a listing…' }).click();
      await page.getByRole('dialog', { name: 'Import papers' }).waitFor();
      await check(page, 'import dialog', found);
      await page.keyboard.press('Escape');
      await sidebar(page).getByRole('button', { name: 'Follow a source…' }).click();
      await page.getByRole('dialog', { name: 'Follow a source' }).waitFor();
      await page.getByRole('dialog', { name: 'Follow a source' }).getByRole('button', { name: 'Follow', exact: true }).click();
      await page.getByRole('dialog', { name: 'Follow a source' }).getByRole('alert').waitFor();
      await check(page, 'follow dialog with an error', found);
      await page.context().close();
      expect(found).toEqual({});
    });

    it(`library: list, paper, note, menus and dialogs (${colorScheme})`, async () => {
      const found: Record<string, string[]> = {};
      const { page } = await openPage(browser, full.url, { colorScheme });
      await waitForRows(page);
      await check(page, 'list', found);
      await openPaper(page, FEATURED);
      await notePreview(page).locator('.katex-display').waitFor();
      await check(page, 'detail with note preview', found);
      await noteField(page).click();
      await check(page, 'note being edited', found);
      await page.keyboard.press('Escape');
      await details(page).getByRole('button', { name: 'History' }).click();
      await details(page).getByRole('region', { name: 'Note history' }).getByRole('button', { name: 'Restore this version' }).waitFor();
      await check(page, 'note history', found);
      await search(page, 'sparse attention');
      await details(page).locator('mark').first().waitFor();
      await check(page, 'search results with highlights', found);
      await search(page, 'title:');
      await page.getByRole('alert').first().waitFor();
      await check(page, 'invalid query', found);
      await search(page, '');
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menu', { name: 'Export' }).waitFor();
      await check(page, 'export menu', found);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await check(page, 'shortcuts dialog', found);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Search syntax' }).click();
      await check(page, 'search syntax help', found);
      await page.context().close();
      expect(found).toEqual({});
    });

    it(`narrow window: list, drawer, paper (${colorScheme})`, async () => {
      const found: Record<string, string[]> = {};
      const { page } = await openPage(browser, full.url, { colorScheme, viewport: { width: 600, height: 800 } });
      await waitForRows(page);
      await check(page, 'narrow list', found);
      await page.getByRole('button', { name: 'Library menu' }).click();
      await sidebar(page).getByRole('button', { name: 'Starred' }).waitFor({ state: 'visible' });
      await check(page, 'narrow sidebar drawer', found);
      await page.keyboard.press('Escape');
      await openPaper(page, FEATURED);
      await check(page, 'narrow paper', found);
      await page.context().close();
      expect(found).toEqual({});
    });
  }
});
