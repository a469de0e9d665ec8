// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, rowTitles } from './render-app.tsx';
import { sampleBridge } from './core-sample.ts';
import { coreBridge } from './core-seed.ts';

/** The summary's counts as read from its term/definition pairs. */
function counts(summary: HTMLElement): Record<string, number> {
  const terms = within(summary).getAllByRole('term').map((term) => term.textContent ?? '');
  const values = within(summary).getAllByRole('definition').map((value) => Number(value.textContent));
  return Object.fromEntries(terms.map((term, i) => [term, values[i] ?? Number.NaN]));
}

const LISTING = ['@misc{one, title = {Pasted paper one}}', '@misc{two, title = {Pasted paper two}, abstract = {x}}', '@misc{three, abstract = {no title here}}'].join('\n\n');

describe('empty library', () => {
  it('welcomes the user with every way to get papers in', async () => {
    await renderApp(await coreBridge());
    const welcome = await screen.findByRole('region', { name: 'Welcome to Papershelf' });
    expect(welcome.textContent).toContain('Drop a file');
    expect(welcome.textContent).toContain('papershelf import FILE');
    expect(welcome.textContent).toContain('papershelf fetch');
    expect(within(welcome).getByRole('button', { name: 'Paste a listing…' })).toBeTruthy();
    expect(screen.queryByRole('listbox', { name: 'Papers' })).toBeNull();
  });
});

describe('import', () => {
  it('imports a pasted listing, shows progress, then the summary', async () => {
    const bridge = await coreBridge();
    const { user } = await renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Paste a listing…' }));
    const dialog = screen.getByRole('dialog', { name: 'Import papers' });
    const text = within(dialog).getByRole('textbox', { name: 'Listing text' });
    expect(document.activeElement).toBe(text);
    await user.click(text);
    await user.paste(LISTING);
    const release = bridge.hold('importText');
    await user.click(within(dialog).getByRole('button', { name: 'Import text' }));
    expect(await screen.findByRole('progressbar', { name: 'Import progress' })).toBeTruthy();
    release();
    const summary = await screen.findByRole('dialog', { name: 'Import summary' }, { timeout: 10_000 });
    expect(counts(summary)).toEqual({ Added: 2, Updated: 0, Unchanged: 0, Skipped: 1 });
    expect(summary.textContent).toContain('entry 3 (line 5, key "three"): no title; skipped');
    await user.click(within(summary).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(rowTitles().sort()).toEqual(['Pasted paper one', 'Pasted paper two']));
    expect(screen.queryByRole('region', { name: 'Welcome to Papershelf' })).toBeNull();
  });

  it('imports a chosen file and reports a malformed one', async () => {
    const bridge = await sampleBridge();
    const { user } = await renderApp(bridge);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.upload(screen.getByLabelText('Choose file'), new File(['{"format": "papershelf-backup", "version": 1, "papers": [{'], 'broken.json', { type: 'application/json' }));
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('json: line 1, column 59: the JSON ends too early (the file looks truncated)');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await user.upload(screen.getByLabelText('Choose file'), new File(['@misc{more, title = {Robust vision transformers}, abstract = {Adversarial robustness of patch-based image models, at length.}}'], 'more.bib'));
    const summary = await screen.findByRole('dialog', { name: 'Import summary' }, { timeout: 10_000 });
    expect(counts(summary)).toEqual({ Added: 0, Updated: 1, Unchanged: 0, Skipped: 0 });
    expect(bridge.callsOf('importText').at(-1)?.sourceName).toBe('more.bib');
  });

  it('imports a file dropped on the window', async () => {
    const bridge = await coreBridge();
    await renderApp(bridge);
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    const file = new File(['@misc{dropped, title = {Dropped paper}}'], 'dropped.bib');
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [file] } });
    act(() => {
      window.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    expect(await screen.findByRole('dialog', { name: 'Import summary' }, { timeout: 10_000 })).toBeTruthy();
    expect((await bridge.core('stats', {})).papers).toBe(1);
  });
});

describe('export', () => {
  it('exports the current view from the menu, and the whole library as a backup', async () => {
    const bridge = await sampleBridge();
    const { user } = await renderApp(bridge);
    await user.click(screen.getByRole('button', { name: 'Starred' }));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const menu = screen.getByRole('menu', { name: 'Export' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent?.split(' · ')[0])).toEqual([
      'BibTeX',
      'CSL-JSON',
      'Markdown reading list',
      'Backup (whole library)',
    ]);
    await user.click(within(menu).getByRole('menuitem', { name: /BibTeX/ }));
    await waitFor(() => expect(bridge.saved).toHaveLength(1));
    expect(bridge.callsOf('exportPapers')[0]).toEqual({ format: 'bibtex', starred: true });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: /Backup/ }));
    await waitFor(() => expect(bridge.saved).toHaveLength(2));
    expect(bridge.callsOf('exportPapers')[1]).toEqual({ format: 'json' });
    expect(await screen.findByText(/^Exported 4 papers to papershelf-\d{4}-\d\d-\d\d\.papershelf\.json$/)).toBeTruthy();
    expect(bridge.saved[0]?.content).toContain('title = {Graph neural networks at scale}');
  });
});
