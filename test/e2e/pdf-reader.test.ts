/**
 * The PDF reader in Debian's Chromium against `papershelf serve`: a generated 17-page PDF with known
 * text is kept for a paper (attached through the contract, as `pdf import` does); the reader opens
 * from the detail pane, pages through, finds, inverts pages in the dark theme and remembers the page.
 * Dropping PDFs on the window attaches them and lists each file's outcome. The time from "Read PDF"
 * to the first page drawn is printed (not asserted).
 */
import './e2e-setup.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../pdfs/make-pdf.ts';
import { details, noteField, openPaper, waitForRows } from './app-page.ts';
import { seriousViolations } from './axe.ts';
import { openPage } from './chromium.ts';
import { api } from './e2e-library.ts';
import { useServedApp } from './served-app.ts';

interface Listed {
  results: Array<{ id: string; title: string; arxivId: string | null }>;
}
interface Attached {
  files: Array<{ name: string; outcome: string; id: string | null }>;
}

const PAGES = 17;
/** Page n (1-based) says which page it is; "lattice" is on pages 3 (twice), 9 and 15: four matches. */
function readerPdf(arxivId: string): Buffer {
  const pages = Array.from({ length: PAGES }, (_, index) => {
    const n = index + 1;
    const lines = [`This is page ${n} of the reader test paper.`, 'Plain words fill the page so it has some text.'];
    if (n === 3) lines.push('A lattice of points, and another lattice.');
    if (n === 9 || n === 15) lines.push(`The lattice returns on page ${n}.`);
    if (n === 11) lines.push('Zymurgy is found on this page only.');
    return lines;
  });
  return makePdf({ title: 'Reader test paper', stamp: `arXiv:${arxivId}v1 [cs.SE] 1 Jan 2026`, pages });
}

/** Papers of the fixture with an arXiv id: the first keeps the reader's PDF, the second is dropped on the window. */
const papers: Array<{ id: string; title: string; arxivId: string }> = [];

const app = useServedApp({
  fixtures: ['arxiv-query-testing.xml'],
  prepare: async ({ serve }) => {
    const listed = await api<Listed>(serve, 'listPapers', { limit: 10 });
    for (const paper of listed.results) if (paper.arxivId) papers.push({ id: paper.id, title: paper.title, arxivId: paper.arxivId });
    const reading = papers[0];
    if (!reading || papers.length < 3) throw new Error('the fixture has fewer than three arXiv papers');
    const attached = await api<Attached>(serve, 'importPdfs', { files: [{ name: 'reader.pdf', bytesBase64: readerPdf(reading.arxivId).toString('base64') }] });
    expect(attached.files[0]).toMatchObject({ outcome: 'matched', id: reading.id });
  },
});

const reader = (page: Page) => page.getByRole('region', { name: 'PDF reader' });
const pageField = (page: Page) => reader(page).getByRole('textbox', { name: 'Page number' });
/** Runs in the page (a string: the tests are type-checked without the DOM library). */
const INK_ON_FIRST_CANVAS = `(() => {
  const canvas = document.querySelector('.pdf-page[data-page="1"] canvas');
  if (!canvas) return -1;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 128) ink++;
  return ink;
})()`;

async function openReader(page: Page): Promise<number> {
  const first = papers[0];
  if (!first) throw new Error('no paper keeps a PDF');
  await waitForRows(page);
  await openPaper(page, first.title);
  const started = Date.now();
  await details(page).getByRole('button', { name: 'Read PDF' }).click();
  await page.locator('.pdf-reader[data-first-page-ms]').waitFor();
  return Date.now() - started;
}

describe('PDF reader in Chromium', { timeout: 120_000 }, () => {
  it('opens a kept PDF from the detail pane, draws the first page and pages through with the keys', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url);
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|unsafe-eval/i.test(message.text())) cspViolations.push(message.text());
    });
    const clickToFirstPage = await openReader(page);
    const drawnAfter = await reader(page).getAttribute('data-first-page-ms');
    console.log(`window time to first page: ${clickToFirstPage} ms from the click (reader: ${drawnAfter} ms from opening)`);

    expect(await page.evaluate(INK_ON_FIRST_CANVAS)).toBeGreaterThan(50);
    // Wide window: the reader beside the detail pane, whose note stays at hand.
    const [readerBox, detailBox] = [await reader(page).boundingBox(), await details(page).boundingBox()];
    if (!readerBox || !detailBox) throw new Error('the reader or the detail pane is not shown');
    expect(detailBox.x).toBeGreaterThanOrEqual(readerBox.x + readerBox.width);
    expect(readerBox.width).toBeGreaterThan(600);
    expect(await noteField(page).isVisible()).toBe(true);
    await expect.poll(() => pageField(page).inputValue()).toBe('1');
    expect(await reader(page).locator('.pdf-page-count').textContent()).toContain(`of ${PAGES}`);
    expect(await reader(page).locator('.pdf-page').count()).toBe(PAGES);
    // Lazily drawn: the last page is far from the view and has no canvas.
    expect(await reader(page).locator(`.pdf-page[data-page="${PAGES}"] canvas`).count()).toBe(0);
    // The text layer holds the page's text.
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="1"] .pdf-text').textContent()).toContain('This is page 1 of the reader test paper.');

    await page.keyboard.press('PageDown');
    await expect.poll(() => pageField(page).inputValue()).toBe('2');
    await page.keyboard.press('j');
    await expect.poll(() => pageField(page).inputValue()).toBe('3');
    await page.keyboard.press('k');
    await expect.poll(() => pageField(page).inputValue()).toBe('2');
    await page.keyboard.press('End');
    await expect.poll(() => pageField(page).inputValue()).toBe(String(PAGES));
    await expect.poll(() => reader(page).locator(`.pdf-page[data-page="${PAGES}"] canvas`).count()).toBe(1);

    const zoom = reader(page).locator('.pdf-zoom-level');
    const fitted = await zoom.textContent();
    await page.keyboard.press('+');
    await expect.poll(() => zoom.textContent()).not.toBe(fitted);
    await reader(page).getByRole('button', { name: 'Fit width' }).click();
    await expect.poll(() => zoom.textContent()).toBe(fitted);

    await page.keyboard.press('Escape');
    await reader(page).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('finds in the document: counts the matches, marks them and moves between them', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await openReader(page);
    await page.keyboard.press('Control+f');
    const findField = reader(page).getByRole('searchbox', { name: 'Find in PDF' });
    await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).toBe('Find in PDF');
    await findField.fill('LATTICE');
    const count = reader(page).locator('.pdf-find-count');
    await expect.poll(() => count.textContent()).toBe('1 of 4');
    await expect.poll(() => pageField(page).inputValue()).toBe('3');
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="3"] mark.pdf-find-hit').count()).toBe(2);
    expect(await reader(page).locator('mark.pdf-find-current').textContent()).toBe('lattice');

    await findField.press('Enter');
    await expect.poll(() => count.textContent()).toBe('2 of 4');
    await findField.press('Enter');
    await expect.poll(() => count.textContent()).toBe('3 of 4');
    await expect.poll(() => pageField(page).inputValue()).toBe('9');
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="9"] mark.pdf-find-current').count()).toBe(1);
    await findField.press('Shift+Enter');
    await expect.poll(() => count.textContent()).toBe('2 of 4');

    await findField.fill('no such words');
    await expect.poll(() => count.textContent()).toBe('No matches');
    await expect.poll(() => reader(page).locator('mark.pdf-find-hit').count()).toBe(0);
    // Esc in the find field closes find, the second Esc the reader.
    await findField.press('Escape');
    await expect.poll(() => reader(page).getByRole('searchbox', { name: 'Find in PDF' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await reader(page).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('inverts the pages in the dark theme, and the choice can be changed', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await openReader(page);
    const invert = reader(page).getByRole('button', { name: 'Invert colours' });
    expect(await invert.getAttribute('aria-pressed')).toBe('true');
    const filter = () => page.evaluate(`getComputedStyle(document.querySelector('.pdf-page[data-page="1"] canvas')).filter`);
    expect(await filter()).toContain('invert(1)');
    await invert.click();
    expect(await invert.getAttribute('aria-pressed')).toBe('false');
    expect(await filter()).toBe('none');
    expect(errors).toEqual([]);
  });

  it('remembers the page of each paper: reopened with p, the reader is where it was left', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await openReader(page);
    await pageField(page).fill('7');
    await pageField(page).press('Enter');
    await expect.poll(() => pageField(page).inputValue()).toBe('7');
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="7"] canvas').count()).toBe(1);
    await reader(page).getByRole('button', { name: 'Close reader' }).click();
    await reader(page).waitFor({ state: 'detached' });

    await page.reload();
    await waitForRows(page);
    const first = papers[0];
    if (!first) throw new Error('no paper keeps a PDF');
    await openPaper(page, first.title);
    await details(page).getByRole('button', { name: 'Read PDF' }).waitFor();
    await page.keyboard.press('p');
    await reader(page).waitFor();
    await expect.poll(() => pageField(page).inputValue()).toBe('7');
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="7"] canvas').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('narrow windows: the reader covers the window, passes axe, and Close reader returns to the paper', async () => {
    const { page, errors } = await openPage(app.browser, app.serve.url, { viewport: { width: 600, height: 800 } });
    await waitForRows(page);
    const first = papers[0];
    if (!first) throw new Error('no paper keeps a PDF');
    await openPaper(page, first.title);
    await details(page).getByRole('button', { name: 'Read PDF' }).click();
    await page.locator('.pdf-reader[data-first-page-ms]').waitFor();
    expect(await reader(page).boundingBox()).toEqual({ x: 0, y: 0, width: 600, height: 800 });
    // The first page fits the width: no sideways scrolling.
    await expect.poll(() => page.evaluate(`(() => { const s = document.querySelector('.pdf-scroll'); return s.scrollWidth <= s.clientWidth; })()`)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await reader(page).getByRole('button', { name: 'Close reader' }).click();
    await reader(page).waitFor({ state: 'detached' });
    await details(page).getByRole('button', { name: 'Read PDF' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('Search inside PDFs finds a word of the PDF with its page and snippet; Read PDF opens at that page', async () => {
    const first = papers[0];
    if (!first) throw new Error('no paper keeps a PDF');
    // The PDF's text is indexed in the background after it was attached.
    const deadline = Date.now() + 60_000;
    while ((await api<{ total: number }>(app.serve, 'search', { query: 'zymurgy', fulltext: true })).total === 0) {
      if (Date.now() > deadline) throw new Error('the PDF text was not indexed within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await page.getByRole('checkbox', { name: 'Search inside PDFs' }).check();
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('zymurgy');
    const option = page.getByRole('listbox', { name: 'Papers' }).getByRole('option', { name: first.title });
    await expect.poll(() => option.locator('.pdf-match-line').textContent()).toMatch(/^p\. 11 — .*Zymurgy/);
    await option.click();
    await details(page).getByRole('button', { name: 'Read PDF' }).click();
    await expect.poll(() => pageField(page).inputValue()).toBe('11');
    await expect.poll(() => reader(page).locator('.pdf-page[data-page="11"] canvas').count()).toBe(1);
    // The query is saved with the window's state; the next tests open the window on the whole list.
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('');
    await expect.poll(async () => (await api<{ query: string }>(app.serve, 'getUiState', {})).query).toBe('');
    expect(errors).toEqual([]);
  });

  it('a paper without a kept PDF offers Download PDF and says why the download failed (offline)', async () => {
    const other = papers[2];
    if (!other) throw new Error('no third arXiv paper');
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await openPaper(page, other.title);
    await details(page).getByRole('button', { name: 'Download PDF' }).click();
    await expect.poll(() => details(page).locator('.pdf-problem').textContent(), { timeout: 60_000 }).toMatch(/\S/);
    expect(await details(page).getByRole('button', { name: 'Read PDF' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('PDFs dropped on the window are attached: the outcome of each file is listed', async () => {
    const dropped = papers[1];
    if (!dropped) throw new Error('no second arXiv paper');
    const { page, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    const stamped = makePdf({ title: 'Dropped', stamp: `arXiv:${dropped.arxivId}v1 [cs.SE] 1 Jan 2026`, pages: [['A dropped paper.']] });
    const stranger = makePdf({ title: 'x', pages: [['Nothing here names a paper.']] });
    await page.evaluate(`(() => {
      const file = (base64, name) => new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'application/pdf' });
      const data = new DataTransfer();
      data.items.add(file(${JSON.stringify(stamped.toString('base64'))}, 'stamped.pdf'));
      data.items.add(file(${JSON.stringify(stranger.toString('base64'))}, 'stranger.pdf'));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    const dialog = page.getByRole('dialog', { name: 'Dropped PDFs' });
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 60_000 }).toBe('2 PDFs done.');
    const items = dialog.getByRole('list', { name: 'Dropped PDFs' }).getByRole('listitem');
    expect(await items.filter({ hasText: 'stamped.pdf' }).textContent()).toContain(`Matched by its arXiv stamp: kept for ${dropped.id}`);
    expect(await items.filter({ hasText: 'stranger.pdf' }).textContent()).toContain('Not matched');
    expect((await api<{ kept: boolean }>(app.serve, 'pdfInfo', { id: dropped.id })).kept).toBe(true);
    // No import dialog: the drop was taken for PDFs, not for a listing.
    expect(await page.getByRole('dialog', { name: /Import/ }).count()).toBe(0);

    await dialog.getByRole('button', { name: 'Show' }).click();
    await details(page).getByRole('heading', { level: 2, name: dropped.title }).waitFor();
    await details(page).getByRole('button', { name: 'Read PDF' }).waitFor();
    expect(errors).toEqual([]);
  });
});
