/**
 * The detail pane's links and citations in Debian's Chromium against `papershelf serve`: an author
 * is a button that lists their papers, and Copy citation puts BibTeX or a formatted reference on the
 * clipboard (read back from the page); a note's History lists what the core kept and restores it.
 */
import './e2e-setup.ts';
import { describe, expect, it } from 'vitest';
import { details, noteField, openPaper, paperList, row, search, searchBox, waitForRows } from './app-page.ts';
import { openPage } from './chromium.ts';
import { useServedApp } from './served-app.ts';
import { api } from './e2e-library.ts';

const TITLE = 'MiniMax Sparse Attention';
/** Runs in the page; a string, since the tests are type-checked without the DOM library. */
const READ_CLIPBOARD = 'navigator.clipboard.readText()';

interface Found {
  total: number;
  results: Array<{ id: string; title: string; authors: string[]; published: string | null }>;
}

const app = useServedApp();

async function paper(): Promise<Found['results'][number]> {
  const found = await api<Found>(app.serve, 'search', { query: 'title:minimax', limit: 50 });
  const match = found.results.find((candidate) => candidate.title === TITLE);
  if (!match) throw new Error(`no paper titled ${TITLE}`);
  return match;
}

describe('detail pane actions in Chromium', { timeout: 90_000 }, () => {
  it('clicking an author runs their author query and lists what the core finds for it', async () => {
    const { authors } = await paper();
    const author = authors[0];
    if (!author) throw new Error(`${TITLE} has no author names in the fixtures`);
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await search(page, 'sparse attention');
    await openPaper(page, TITLE);
    await details(page).getByRole('button', { name: author, exact: true }).click();
    const query = `author:"${author}"`;
    await expect.poll(() => searchBox(page).inputValue()).toBe(query);
    await row(page, TITLE).waitFor();
    const expected = await api<Found>(app.serve, 'search', { query, limit: 50 });
    expect(expected.total).toBeGreaterThan(0);
    await expect.poll(() => paperList(page).getByRole('option').count()).toBe(Math.min(expected.total, 50));
    expect(errors).toEqual([]);
  });

  it('Copy citation writes BibTeX, then an APA reference, to the clipboard', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url, { permissions: ['clipboard-read', 'clipboard-write'] });
    await waitForRows(page);
    await search(page, 'sparse attention');
    await openPaper(page, TITLE);
    const citation = details(page).getByRole('group', { name: 'Citation' });
    const status = citation.getByRole('status');

    await citation.getByRole('combobox', { name: 'Citation style' }).selectOption('bibtex');
    await citation.getByRole('button', { name: 'Copy citation' }).click();
    await expect.poll(() => status.textContent()).toBe('Copied (BibTeX)');
    const bibtex = String(await page.evaluate(READ_CLIPBOARD));
    expect(bibtex).toMatch(/^@\w+\{[^,\s]+,/);
    expect(bibtex).toMatch(/title\s*=\s*\{.*MiniMax.*Sparse.*Attention/);

    await citation.getByRole('combobox', { name: 'Citation style' }).selectOption('apa');
    await citation.getByRole('button', { name: 'Copy citation' }).click();
    await expect.poll(() => status.textContent()).toBe('Copied (APA)');
    const apa = String(await page.evaluate(READ_CLIPBOARD));
    expect(apa).not.toBe(bibtex);
    expect(apa).toContain(TITLE);
    const year = (await paper()).published?.slice(0, 4);
    if (year) expect(apa).toContain(`(${year}`);
    expect(errors).toEqual([]);
  });

  it("History lists the note's earlier versions from the core and restores one", async () => {
    const { id } = await paper();
    await api(app.serve, 'setNote', { id, text: 'Earlier thoughts on block sparsity' });
    await api(app.serve, 'setNote', { id, text: 'Current note' });
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await search(page, 'sparse attention');
    await openPaper(page, TITLE);
    await expect.poll(() => noteField(page).inputValue()).toBe('Current note');
    await details(page).getByRole('button', { name: 'History' }).click();
    const history = details(page).getByRole('region', { name: 'Note history' });
    await history.getByRole('button', { name: /Earlier thoughts on block sparsity/ }).click();
    await history.getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(() => noteField(page).inputValue()).toBe('Earlier thoughts on block sparsity');
    const stored = await api<{ note: string | null }>(app.serve, 'getPaper', { id });
    expect(stored.note).toBe('Earlier thoughts on block sparsity');
    const kept = await api<{ versions: Array<{ text: string }> }>(app.serve, 'noteHistory', { id });
    expect(kept.versions[0]?.text).toBe('Current note');
    await history.getByRole('button', { name: /Current note$/ }).first().waitFor();
    expect(errors).toEqual([]);
  });
});
