// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../pdfs/make-pdf.ts';
import { coreBridge, type SeedPaper } from './core-seed.ts';
import { renderApp, rowTitles } from './render-app.tsx';

const KEPT: SeedPaper = { title: 'Brewing notes for machine learning', arxivId: '2606.33333' };
const OTHER: SeedPaper = { title: 'Another paper about brewing', arxivId: '2606.44444' };

describe('Search inside PDFs', { timeout: 180_000 }, () => {
  it('off, a word only in a PDF finds nothing; on, the paper is found with the page and a snippet', async () => {
    const bridge = await coreBridge([KEPT, OTHER]);
    const pdf = makePdf({ title: 'x', stamp: 'arXiv:2606.33333v1 [cs.LG] 1 Jan 2026', pages: [['First page.'], ['Second page.'], ['The zymurgy of large models.']] });
    await bridge.core('importPdfs', { files: [{ name: 'kept.pdf', bytesBase64: pdf.toString('base64') }] });
    // The PDF's text is indexed in the background.
    await waitFor(async () => expect((await bridge.core('search', { query: 'zymurgy', fulltext: true })).total).toBe(1), { timeout: 120_000, interval: 250 });

    const { user } = await renderApp(bridge);
    const toggle = screen.getByRole('checkbox', { name: 'Search inside PDFs' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'zymurgy ');
    await waitFor(() => expect(bridge.callsOf('search').some((call) => call.query.trim() === 'zymurgy')).toBe(true));
    await bridge.quiet();
    expect(rowTitles()).toEqual([]);

    await user.click(toggle);
    const option = await screen.findByRole('option', { name: new RegExp(KEPT.title) }, { timeout: 10_000 });
    const line = option.querySelector('.pdf-match-line');
    expect(line?.textContent).toMatch(/^p\. 3 — .*zymurgy/);
    expect(line?.querySelector('mark')?.textContent?.toLowerCase()).toBe('zymurgy');
    expect(bridge.callsOf('search').at(-1)).toMatchObject({ query: 'zymurgy ', fulltext: true });
    expect(rowTitles()).toEqual([KEPT.title]);

    await user.click(option);
    await within(screen.getByRole('region', { name: 'Paper details' })).findByRole('heading', { level: 2, name: KEPT.title });
    expect(await within(screen.getByRole('region', { name: 'Paper details' })).findByRole('button', { name: 'Read PDF' })).toBeTruthy();
  });
});
