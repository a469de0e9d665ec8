/**
 * For you in Debian's Chromium against `papershelf serve`, on a generated library with known topics:
 * stars on one topic bring that topic to the top, x hides a paper and Undo brings it back, a later
 * import puts a badge on For you, and the view stays clean under axe.
 */
import './e2e-setup.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { backupOf } from '../renderer/core-seed.ts';
import { topicPapers, type Topic } from '../renderer/for-you-corpus.ts';
import { details, loadedRows, openPaper, paperList, sidebar, waitForRows } from './app-page.ts';
import { seriousViolations } from './axe.ts';
import { openPage } from './chromium.ts';
import { api } from './e2e-library.ts';
import { useServedApp } from './served-app.ts';

const corpus = topicPapers(12);
const seeds = corpus.map(({ topic: _topic, ...paper }) => paper);
const titles = (topic: Topic) => corpus.filter((paper) => paper.topic === topic).map((paper) => paper.title);

const app = useServedApp({
  fixtures: [],
  prepare: async ({ serve }) => {
    await api(serve, 'importText', { text: backupOf(seeds), format: 'json' });
  },
});

const forYouEntry = (page: Page) => sidebar(page).getByRole('button', { name: 'For you', exact: true });
const listed = async (filter: object) =>
  (await api<{ results: Array<{ id: string; title: string }> }>(app.serve, 'listPapers', { limit: 500, ...filter })).results;
const shownTitles = (page: Page) => loadedRows(page).locator('.row-title-text').allTextContents();

async function openWindow() {
  const watch = await openPage(app.browser, app.serve.url);
  await watch.page.evaluate("localStorage.removeItem('papershelf.undo')");
  await watch.page.reload();
  await waitForRows(watch.page);
  return watch;
}

/** Opens For you with the keyboard: focus on its sidebar entry, Enter. */
async function openForYou(page: Page) {
  await forYouEntry(page).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'For you' }).waitFor();
  await loadedRows(page).first().waitFor();
}

describe('For you in Chromium', { timeout: 120_000 }, () => {
  it('starring a few papers of one topic brings that topic to the top, each row saying why; axe finds nothing serious', async () => {
    const { page, errors } = await openWindow();
    // Before any star: the cold start explains itself and follows upvotes (protein papers have the most).
    await openForYou(page);
    await page.getByText('Star or tag a few papers you like — For you learns from them').waitFor();
    expect(titles('protein')).toContain((await shownTitles(page))[0]);

    await sidebar(page).getByRole('button', { name: 'All papers' }).click();
    // By upvotes the attention papers come last: End reaches them, then s stars, k moves up.
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('upvotes');
    await paperList(page).focus();
    await page.keyboard.press('End');
    let previous = '';
    for (let i = 0; i < 4; i += 1) {
      // Each key waits for the paper it moved to: s stars the paper the detail pane shows.
      await expect.poll(async () => (await details(page).getByRole('heading', { level: 2 }).textContent()) ?? previous).not.toBe(previous);
      previous = (await details(page).getByRole('heading', { level: 2 }).textContent()) ?? '';
      await page.keyboard.press('s');
      await details(page).locator('button[aria-pressed="true"]', { hasText: 'Star' }).waitFor();
      await page.keyboard.press('k');
    }
    const starred = (await listed({ starred: true })).map((paper) => paper.title);
    expect(starred.filter((title) => titles('attention').includes(title))).toHaveLength(4);
    await openForYou(page);
    await page.getByText(/^Ranked by what you liked in 4 papers/).waitFor();
    await expect.poll(async () => (await shownTitles(page)).length).toBeGreaterThan(6);
    const rest = new Set(titles('attention').filter((title) => !starred.includes(title)));
    const top = (await shownTitles(page)).slice(0, 6);
    expect(top.filter((title) => rest.has(title))).toEqual(top);
    const reason = loadedRows(page).first().locator('.row-reason');
    expect(await reason.textContent()).toMatch(/^Because you starred .+ — /);
    const whole = (await reason.getAttribute('title')) ?? '';
    expect(starred.some((title) => whole.includes(title))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('x hides the selected paper from For you at once, and Undo in the toast brings it back', async () => {
    const { page, errors } = await openWindow();
    await openForYou(page);
    const [first] = await shownTitles(page);
    if (!first) throw new Error('For you listed no paper');
    await openPaper(page, first);
    await paperList(page).focus();
    await page.keyboard.press('x');
    await expect.poll(() => shownTitles(page)).not.toContain(first);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => shownTitles(page)).toContain(first);
    expect(errors).toEqual([]);
  });

  it('papers a later import adds put a badge on For you, gone once it is opened', async () => {
    // New papers count as ranked for the user once there is something to learn from.
    const liked = (await listed({})).filter((paper) => titles('attention').includes(paper.title)).slice(0, 4);
    await api(app.serve, 'applyChanges', { changes: liked.map(({ id }) => ({ id, starred: true })) });
    const { page, errors } = await openWindow();
    await openForYou(page);
    await sidebar(page).getByRole('button', { name: 'All papers' }).click();
    await expect.poll(() => forYouEntry(page).getAttribute('aria-describedby')).toBeNull();
    const fresh = topicPapers(16, ['attention'])
      .slice(12)
      .map(({ topic: _topic, ...paper }) => ({ ...paper, title: `Fresh ${paper.title}` }));
    await api(app.serve, 'importText', { text: backupOf(fresh), format: 'json' });
    await expect.poll(() => forYouEntry(page).getAttribute('aria-describedby'), { timeout: 20_000 }).not.toBeNull();
    const describedBy = (await forYouEntry(page).getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^\d+ new papers? ranked for you$/);
    await openForYou(page);
    await expect.poll(() => forYouEntry(page).getAttribute('aria-describedby')).toBeNull();
    expect(errors).toEqual([]);
  });
});
