/**
 * A new user's first minute in Chromium against `papershelf serve`: the empty library's welcome
 * screen loads the sample listing shipped with the window, from the page's own origin.
 */
import './e2e-setup.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../server/serve-process.ts';
import { paperList, row, search, waitForRows } from './app-page.ts';
import { launchChromium, openPage } from './chromium.ts';
import { api, libraryFolder, removeFolder, serveLibrary } from './e2e-library.ts';

let dataDir = '';
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  dataDir = libraryFolder();
  serve = await serveLibrary(dataDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (dataDir) removeFolder(dataDir);
});

describe('welcome screen in Chromium', { timeout: 60_000 }, () => {
  it('loads the sample listing into an empty library and lists its papers', async () => {
    const { page, errors } = await openPage(browser, serve.url);
    await page.getByRole('heading', { name: 'Welcome to Papershelf' }).waitFor();
    await page.getByRole('button', { name: 'Load the sample listing' }).click();
    const alert = page.getByRole('alert');
    await Promise.race([waitForRows(page), alert.waitFor()]);
    expect(await alert.count(), await alert.allTextContents().then((texts) => texts.join(' | '))).toBe(0);
    expect(await page.getByRole('heading', { name: 'Welcome to Papershelf' }).count()).toBe(0);
    expect(await api<{ papers: number }>(serve, 'stats', {})).toMatchObject({ papers: 59 });
    await search(page, 'GeoRef');
    await row(page, 'GeoRef: Referring Expressions in Geometry').waitFor();
    await expect.poll(() => paperList(page).getByRole('option').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
