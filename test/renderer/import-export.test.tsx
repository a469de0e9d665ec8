// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.ts';
import { renderApp, rowTitles } from './render-app.tsx';
import { sampleBridge } from './sample.ts';

/** The summary's counts as read from its term/definition pairs. */
function counts(summary: HTMLElement): Record<string, number> {
  const terms = within(summary).getAllByRole('term').map((term) => term.textContent ?? '');
  const values = within(summary).getAllByRole('definition').map((value) => Number(value.textContent));
  return Object.fromEntries(terms.map((term, i) => [term, values[i] ?? Number.NaN]));
}

const LISTING = JSON.stringify([{ title: 'Pasted paper one' }, { title: 'Pasted paper two', abstract: 'x' }, { abstract: 'no title here' }]);

describe('empty library', () => {
  it('welcomes the user with every way to get papers in', async () => {
    await renderApp(new FakeBridge());
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
    const bridge = new FakeBridge();
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
    const summary = await screen.findByRole('dialog', { name: 'Import summary' });
    expect(counts(summary)).toEqual({ Added: 2, Updated: 0, Unchanged: 0, Skipped: 1 });
    expect(summary.textContent).toContain('entry 3: no title, skipped');
    await user.click(within(summary).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(rowTitles().sort()).toEqual(['Pasted paper one', 'Pasted paper two']));
    expect(screen.queryByRole('region', { name: 'Welcome to Papershelf' })).toBeNull();
  });

  it('imports a chosen file and reports a malformed one', async () => {
    const bridge = sampleBridge();
    const { user } = await renderApp(bridge);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.upload(screen.getByLabelText('Choose file'), new File(['{ not json'], 'broken.json', { type: 'application/json' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^json: line 1: /);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await user.upload(screen.getByLabelText('Choose file'), new File([JSON.stringify([{ title: 'Robust vision transformers', abstract: 'longer' }])], 'more.json'));
    const summary = await screen.findByRole('dialog', { name: 'Import summary' });
    expect(counts(summary)).toEqual({ Added: 0, Updated: 1, Unchanged: 0, Skipped: 0 });
    expect(bridge.callsOf('importText').at(-1)?.sourceName).toBe('more.json');
  });

  it('imports a file dropped on the window', async () => {
    const bridge = new FakeBridge();
    await renderApp(bridge);
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    const file = new File([JSON.stringify([{ title: 'Dropped paper' }])], 'dropped.json');
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [file] } });
    act(() => {
      window.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    expect(await screen.findByRole('dialog', { name: 'Import summary' })).toBeTruthy();
    expect(bridge.library.papers.size).toBe(1);
  });
});

describe('export', () => {
  it('exports the current view from the menu, and the whole library as a backup', async () => {
    const bridge = sampleBridge();
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
    expect(screen.getByText(/Exported 4 papers to papershelf\.json/)).toBeTruthy();
  });
});
