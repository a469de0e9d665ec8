/**
 * Multi-selection, bulk actions and undo in Debian's Chromium against `papershelf serve`: what the
 * window shows, and what reached the core (read back over the API).
 */
import './e2e-setup.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { details, noteField, openPaper, paperList, sidebar, starButton, tagField, waitForRows } from './app-page.ts';
import { seriousViolations } from './axe.ts';
import { openPage } from './chromium.ts';
import { api } from './e2e-library.ts';
import { useServedApp } from './served-app.ts';

interface Listed {
  total: number;
  results: Array<{ id: string; title: string; starred: boolean; tags: string[]; status: string | null; note: string | null }>;
}

const app = useServedApp();
const selectedRows = (page: Page) => paperList(page).locator('[role="option"][aria-selected="true"]');
const selectionPane = (page: Page) => page.getByRole('region', { name: 'Selected papers' });
const listed = (input: object) => api<Listed>(app.serve, 'listPapers', { limit: 1000, ...input });
const paper = async (id: string) => api<Listed['results'][number]>(app.serve, 'getPaper', { id });

/** The ids of the first `count` rows, in the order shown (date, newest first). */
async function firstIds(count: number): Promise<string[]> {
  return (await listed({ sort: 'date', limit: count })).results.map((found) => found.id);
}

async function resetAnnotations(): Promise<void> {
  const all = await api<{ ids: string[] }>(app.serve, 'listIds', {});
  await api(app.serve, 'applyChanges', { changes: all.ids.map((id) => ({ id, starred: false, status: null, tags: [] })) });
}

async function openWindow(permissions: string[] = []) {
  await resetAnnotations();
  const watch = await openPage(app.browser, app.serve.url, { acceptDownloads: true, permissions });
  // Each test starts with its own undo history.
  await watch.page.evaluate("localStorage.removeItem('papershelf.undo')");
  await watch.page.reload();
  await waitForRows(watch.page);
  return watch;
}

const undoKey = (page: Page) => page.keyboard.press('ControlOrMeta+z');

describe('selection, bulk actions and undo in Chromium', { timeout: 120_000 }, () => {
  it('Shift+click selects a range; bulk star, bulk tag, export and copy citations act on it; Ctrl+Z undoes the bulk tag', async () => {
    const { page, errors } = await openWindow(['clipboard-read', 'clipboard-write']);
    const ids = await firstIds(4);
    const rows = paperList(page).getByRole('option');
    await rows.nth(0).click();
    await rows.nth(3).click({ modifiers: ['Shift'] });
    await expect.poll(() => selectedRows(page).count()).toBe(4);
    await expect.poll(() => paperList(page).getAttribute('aria-multiselectable')).toBe('true');
    // Ctrl/Cmd+click adds one paper, and a second time takes it out again.
    await rows.nth(5).click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => selectedRows(page).count()).toBe(5);
    await rows.nth(5).click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => selectedRows(page).count()).toBe(4);
    const pane = selectionPane(page);
    await pane.getByRole('heading', { name: '4 papers selected' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const started = Date.now();
    await pane.getByRole('button', { name: '★ Star' }).click();
    await expect.poll(() => selectedRows(page).filter({ hasText: '(starred)' }).count()).toBe(4);
    console.log(`bulk star of 4 papers shown in ${Date.now() - started} ms`);
    expect((await listed({ starred: true })).results.map((found) => found.id).sort()).toEqual([...ids].sort());

    await pane.getByRole('combobox', { name: 'Tag for the selected papers' }).fill('bulk-e2e');
    await pane.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(async () => (await listed({ tag: 'bulk-e2e' })).total).toBe(4);
    await page.getByRole('status').filter({ hasText: 'Tag “bulk-e2e” added' }).waitFor();

    await pane.getByRole('combobox', { name: 'Export format for the selected papers' }).selectOption('bibtex');
    const download = page.waitForEvent('download');
    await pane.getByRole('button', { name: 'Export selection' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const bibtex = readFileSync(file, 'utf8');
    expect(bibtex.match(/^@\w+\{/gm)).toHaveLength(4);

    const citation = pane.getByRole('group', { name: 'Citation' });
    await citation.getByRole('combobox', { name: 'Citation style' }).selectOption('bibtex');
    await citation.getByRole('button', { name: 'Copy citations' }).click();
    await expect.poll(() => citation.getByRole('status').textContent()).toBe('Copied 4 citations (BibTeX)');
    expect(String(await page.evaluate('navigator.clipboard.readText()')).match(/^@\w+\{/gm)).toHaveLength(4);

    await pane.getByRole('button', { name: 'Export selection' }).focus();
    await undoKey(page);
    await expect.poll(async () => (await listed({ tag: 'bulk-e2e' })).total).toBe(0);
    // The star stays: only the last step was undone.
    expect((await listed({ starred: true })).total).toBe(4);
    await undoKey(page);
    await expect.poll(async () => (await listed({ starred: true })).total).toBe(0);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(async () => (await listed({ starred: true })).total).toBe(4);
    expect(errors).toEqual([]);
  });

  it('Ctrl+Z undoes a star, a tag and a note edit; inside the note, Ctrl+Z is the text field’s own', async () => {
    const { page, errors } = await openWindow();
    const [id] = await firstIds(1);
    const { title } = await paper(id!);
    await openPaper(page, title);

    await starButton(page).click();
    await expect.poll(async () => (await paper(id!)).starred).toBe(true);
    await undoKey(page);
    await expect.poll(async () => (await paper(id!)).starred).toBe(false);

    await tagField(page).fill('undo-me');
    await tagField(page).press('Enter');
    await expect.poll(async () => (await paper(id!)).tags).toEqual(['undo-me']);
    await tagField(page).press('Escape');
    await undoKey(page);
    await expect.poll(async () => (await paper(id!)).tags).toEqual([]);

    await noteField(page).click();
    await page.keyboard.type('first thoughts');
    await details(page).getByText('Saved').waitFor();
    await expect.poll(async () => (await paper(id!)).note).toBe('first thoughts');
    // In the field, the browser's own undo takes back typing; the window's undo does not run.
    await page.keyboard.type(' more');
    await undoKey(page);
    expect(await noteField(page).inputValue()).not.toContain(' more');
    await noteField(page).press('Escape');
    await expect.poll(async () => (await paper(id!)).note ?? '').not.toContain(' more');
    await undoKey(page);
    await expect.poll(async () => (await paper(id!)).note).toBe(null);
    await expect.poll(() => noteField(page).inputValue()).toBe('');
    expect(errors).toEqual([]);
  });

  it('a removed tag offers Undo in a toast; undo survives a reload; a paper changed since is left alone', async () => {
    const { page, errors } = await openWindow();
    const [id] = await firstIds(1);
    await api(app.serve, 'addTags', { id, tags: ['keep-me', 'second'] });
    const { title } = await paper(id!);
    await openPaper(page, title);
    await details(page).getByRole('button', { name: 'Remove tag keep-me' }).click();
    await expect.poll(async () => (await paper(id!)).tags).toEqual(['second']);
    const toast = page.locator('.undo-toast');
    await toast.getByText('Tag “keep-me” removed').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await paper(id!)).tags).toEqual(['keep-me', 'second']);

    await starButton(page).click();
    await expect.poll(async () => (await paper(id!)).starred).toBe(true);
    await page.reload();
    await waitForRows(page);
    await paperList(page).focus();
    await undoKey(page);
    await expect.poll(async () => (await paper(id!)).starred).toBe(false);

    // A tag added here, then another added elsewhere (the CLI, another tab): undoing the first
    // would drop the second, so the window refuses and says so.
    await openPaper(page, title);
    await tagField(page).fill('mine');
    await tagField(page).press('Enter');
    await expect.poll(async () => (await paper(id!)).tags).toEqual(['keep-me', 'second', 'mine']);
    await api(app.serve, 'addTags', { id, tags: ['theirs'] });
    await tagField(page).press('Escape');
    await undoKey(page);
    await page.getByText("Can't undo: changed since").waitFor();
    expect((await paper(id!)).tags).toEqual(['keep-me', 'second', 'mine', 'theirs']);
    expect(errors).toEqual([]);
  });

  it('undoing a tag rename that merged into another tag, and a tag deletion, gives each paper its exact tags back', async () => {
    const { page, errors } = await openWindow();
    const [a, b, c] = await firstIds(3);
    await api(app.serve, 'addTags', { id: a, tags: ['llm', 'agents'] });
    await api(app.serve, 'addTags', { id: b, tags: ['agents', 'x', 'llm'] });
    await api(app.serve, 'addTags', { id: c, tags: ['llm'] });
    await page.reload();
    await waitForRows(page);
    const tagsNow = async () => Promise.all([a, b, c].map(async (id) => (await paper(id!)).tags));
    const original = await tagsNow();

    // The tag's tools show on hover or focus.
    const llm = sidebar(page).locator('.tag-item').filter({ hasText: /^llm/ });
    await llm.hover();
    await sidebar(page).getByRole('button', { name: 'Rename tag llm' }).click();
    await sidebar(page).getByRole('textbox', { name: 'New name for tag llm' }).fill('agents');
    await sidebar(page).getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(tagsNow).toEqual([['agents'], ['agents', 'x'], ['agents']]);
    await page.locator('.undo-toast').getByText('Tag “llm” renamed to “agents”').waitFor();
    await paperList(page).focus();
    await undoKey(page);
    await expect.poll(tagsNow).toEqual(original);

    await llm.hover();
    await sidebar(page).getByRole('button', { name: 'Delete tag llm' }).click();
    await sidebar(page).getByRole('group', { name: 'Delete tag llm?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(tagsNow).toEqual([['agents'], ['agents', 'x'], []]);
    await page.locator('.undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(tagsNow).toEqual(original);
    expect(errors).toEqual([]);
  });

  it('papers a bulk action takes out of the view leave the selection', async () => {
    const { page, errors } = await openWindow();
    const ids = await firstIds(5);
    await api(app.serve, 'applyChanges', { changes: ids.map((id) => ({ id, starred: true })) });
    await sidebar(page).getByRole('button', { name: 'Starred' }).click();
    await expect.poll(() => paperList(page).getByRole('option').count()).toBe(5);
    const rows = paperList(page).getByRole('option');
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await selectionPane(page).getByRole('heading', { name: '3 papers selected' }).waitFor();
    await selectionPane(page).getByRole('button', { name: 'Unstar' }).click();
    await expect.poll(() => paperList(page).getByRole('option').count()).toBe(2);
    await expect.poll(() => selectionPane(page).count()).toBe(0);
    await expect.poll(() => selectedRows(page).count()).toBeLessThanOrEqual(1);
    await undoKey(page);
    await expect.poll(() => paperList(page).getByRole('option').count()).toBe(5);
    await sidebar(page).getByRole('button', { name: 'All papers' }).click();
    expect(errors).toEqual([]);
  });

  it('keyboard only: Shift+j extends, s stars the selection, Ctrl+A selects the whole list, Esc collapses', async () => {
    const { page, errors } = await openWindow();
    const ids = await firstIds(3);
    await paperList(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+j');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => selectedRows(page).count()).toBe(3);
    await page.keyboard.press('s');
    await expect.poll(async () => (await listed({ starred: true })).results.map((found) => found.id).sort()).toEqual([...ids].sort());
    await undoKey(page);
    await expect.poll(async () => (await listed({ starred: true })).total).toBe(0);

    const total = (await listed({ limit: 1 })).total;
    await page.keyboard.press('ControlOrMeta+a');
    await selectionPane(page).getByRole('heading', { name: `${total.toLocaleString('en-US')} papers selected` }).waitFor();
    await page.keyboard.press('r');
    await expect.poll(async () => (await listed({ status: 'to-read', limit: 1 })).total).toBe(total);
    await page.keyboard.press('Escape');
    await expect.poll(() => selectedRows(page).count()).toBe(1);
    await details(page).waitFor();
    await undoKey(page);
    await expect.poll(async () => (await listed({ status: 'to-read', limit: 1 })).total).toBe(0);
    expect(errors).toEqual([]);
  });
});
