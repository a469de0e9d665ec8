/**
 * The everyday flows in Debian's Chromium against `papershelf serve` on a library imported from
 * every fixture: search, star, tag, a note with Markdown and math, all still there after a reload;
 * an invalid query; two tabs and the CLI seeing each other's changes.
 */
import './e2e-setup.ts';
import { describe, expect, it } from 'vitest';
import { details, noteField, notePreview, openPaper, paperList, row, search, searchBox, sidebar, starButton, tagField, waitForRows } from './app-page.ts';
import { openPage } from './chromium.ts';
import { useServedApp } from './served-app.ts';
import { api, cliRun } from './e2e-library.ts';

interface PaperJson {
  id: string;
  title: string;
  starred: boolean;
  tags: string[];
  note: string | null;
}

const app = useServedApp();

async function paperByTitle(title: string): Promise<PaperJson> {
  const found = await api<{ results: PaperJson[] }>(app.serve, 'search', { query: `title:${title.split(/\s+/)[0]!.replace(/[^\p{L}\p{N}]/gu, '')}`, limit: 50 });
  const paper = found.results.find((p) => p.title === title);
  if (!paper) throw new Error(`no paper titled ${title}`);
  return paper;
}

describe('Papershelf in Chromium', { timeout: 60_000 }, () => {
  it('searches, stars, tags and writes a note with Markdown and math, and a reload finds it all', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    // The token moved out of the address bar at once.
    expect(page.url()).not.toContain('token=');

    await search(page, 'sparse attention');
    await row(page, 'MiniMax Sparse Attention').waitFor();
    await openPaper(page, 'MiniMax Sparse Attention');

    await expect.poll(() => starButton(page).getAttribute('aria-pressed')).toBe('false');
    await starButton(page).click();
    await expect.poll(() => starButton(page).getAttribute('aria-pressed')).toBe('true');

    await tagField(page).fill('long-context');
    await tagField(page).press('Enter');
    await details(page).getByRole('list', { name: 'Tags' }).getByText('long-context').waitFor();
    await sidebar(page).getByRole('button', { name: /long-context/ }).waitFor();

    const note = '## Why it matters\n\nCuts **attention compute** by 28x; cost is $O(n \\cdot k)$ instead of:\n\n$$\n\\sum_{i=1}^{n} \\sum_{j=1}^{n} q_i k_j\n$$\n\n- read the kernel\n';
    await noteField(page).fill(note);
    await notePreview(page).getByRole('heading', { name: 'Why it matters' }).waitFor();
    await notePreview(page).locator('strong', { hasText: 'attention compute' }).waitFor();
    await notePreview(page).locator('.katex').first().waitFor();
    await notePreview(page).locator('.katex-display').waitFor();

    // On disk, as the server's contract reports it (a fresh read, not the window's copy).
    await expect.poll(async () => (await paperByTitle('MiniMax Sparse Attention')).note).toBe(note);
    const saved = await paperByTitle('MiniMax Sparse Attention');
    expect(saved).toMatchObject({ starred: true, tags: ['long-context'] });

    await page.reload();
    await waitForRows(page);
    // The window restores its query and selection; look the paper up again either way.
    await search(page, 'sparse attention');
    await openPaper(page, 'MiniMax Sparse Attention');
    await expect.poll(() => starButton(page).getAttribute('aria-pressed')).toBe('true');
    await details(page).getByRole('list', { name: 'Tags' }).getByText('long-context').waitFor();
    expect(await noteField(page).inputValue()).toBe(note);
    await notePreview(page).locator('.katex-display').waitFor();
    await search(page, 'tag:long-context');
    await row(page, 'MiniMax Sparse Attention').waitFor();
    expect(await paperList(page).getByRole('option').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows a readable message for an invalid query, and recovers when it is fixed', async () => {
    const { page } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await search(page, 'title:');
    const alert = page.getByRole('alert').filter({ hasText: 'needs a word after it' });
    await alert.waitFor();
    expect(await searchBox(page).isVisible()).toBe(true);
    await search(page, 'title:diffusion');
    await alert.waitFor({ state: 'detached' });
    await waitForRows(page);
  });

  it('shows a star made in one tab in another tab, and one made by the CLI in both', async () => {
    const title = 'Mana: Dexterous Manipulation of Articulated Tools';
    const a = await openPage(app.browser, app.serve.url);
    const b = await openPage(app.browser, app.serve.url);
    for (const { page } of [a, b]) {
      await waitForRows(page);
      await search(page, 'dexterous manipulation');
      await openPaper(page, title);
      await expect.poll(() => starButton(page).getAttribute('aria-pressed')).toBe('false');
    }
    await starButton(a.page).click();
    await expect.poll(() => starButton(b.page).getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('true');
    await paperList(b.page).getByRole('option', { name: `${title} (starred)` }).waitFor({ timeout: 5_000 });

    // Another process changes the folder: the server notices and tells both tabs.
    const { id } = await paperByTitle(title);
    expect(cliRun(app.dataDir, ['unstar', id]).status).toBe(0);
    for (const { page } of [a, b]) {
      await expect.poll(() => starButton(page).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    }
  });
});
