// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT } from '../../renderer/components/PaperList.tsx';
import { renderApp, rowTitles, VIEWPORT_HEIGHT } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';
import { coreBridge } from './core-seed.ts';

function selectedTitle(): string | null {
  const list = screen.getByRole('listbox', { name: 'Papers' });
  const selected = within(list)
    .queryAllByRole('option')
    .find((option) => option.getAttribute('aria-selected') === 'true');
  return selected?.querySelector('.row-title-text')?.textContent ?? null;
}

async function ready() {
  const app = await renderApp(await sampleBridge());
  await waitFor(() => expect(rowTitles()).toHaveLength(4));
  return app;
}

describe('keyboard shortcuts', () => {
  it('/ focuses the search box and Esc leaves it', async () => {
    const { user } = await ready();
    await user.keyboard('/');
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    expect(document.activeElement).toBe(box);
    expect((box as HTMLInputElement).value).toBe('');
    await user.keyboard('graph{Escape}');
    expect(document.activeElement).not.toBe(box);
    expect((box as HTMLInputElement).value).toBe('graph');
  });

  it('j / k and the arrow keys move through the list', async () => {
    const { user } = await ready();
    await user.keyboard('j');
    await waitFor(() => expect(selectedTitle()).toBe('Diffusion models for protein design'));
    await user.keyboard('j');
    await waitFor(() => expect(selectedTitle()).toBe('Graph neural networks at scale'));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(selectedTitle()).toBe('A survey of diffusion in language models'));
    await user.keyboard('k');
    await waitFor(() => expect(selectedTitle()).toBe('Graph neural networks at scale'));
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    await waitFor(() => expect(selectedTitle()).toBe('Diffusion models for protein design'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Diffusion models for protein design' })).toBeTruthy();
  });

  it('s stars, o opens the paper, t and n focus the tag and note fields', async () => {
    const { user, bridge } = await ready();
    await user.keyboard('jj');
    await screen.findByRole('heading', { level: 2, name: 'Graph neural networks at scale' });
    expect(screen.getByRole('button', { name: 'Star' }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('s');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Star' }).getAttribute('aria-pressed')).toBe('false'));
    expect((await bridge.paper(SAMPLE.graphs)).starred).toBe(false);
    await user.keyboard('o');
    expect(bridge.opened).toEqual(['https://example.org/graphs']);
    await user.keyboard('t');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Add tag' }));
    await user.keyboard('{Escape}n');
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(note);
  });

  it('ignores shortcuts while the user types in a field', async () => {
    const { user, bridge } = await ready();
    await user.keyboard('j');
    await screen.findByRole('heading', { level: 2, name: 'Diffusion models for protein design' });
    await user.keyboard('n');
    await user.keyboard('jks/o?');
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });
    expect(note.value).toBe('jks/o?');
    expect(selectedTitle()).toBe('Diffusion models for protein design');
    expect(bridge.callsOf('setStar')).toEqual([]);
    expect(bridge.opened).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('? lists the shortcuts', async () => {
    const { user } = await ready();
    await user.keyboard('?');
    const overlay = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const key of ['/', 'j or ↓', 'k or ↑', 'Home / End', 'PgUp / PgDn', 's', 'r', 't', 'n', 'o', 'Esc', '?']) {
      expect(within(overlay).getByRole('rowheader', { name: key })).toBeTruthy();
    }
    expect(within(overlay).getByRole('row', { name: /^r\b/ }).textContent).toContain('to read → reading → read → none');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('Home, End, PageUp and PageDown move the selection, not only the scroll position', async () => {
    const papers = Array.from({ length: 30 }, (_, i) => ({
      title: `Paper ${String(i + 1).padStart(2, '0')}`,
      published: `2026-05-${String(30 - i).padStart(2, '0')}`,
    }));
    const { user } = await renderApp(await coreBridge(papers));
    // The list is virtual: the selected row may be out of the DOM, the detail pane shows it.
    const shownTitle = () => document.querySelector('.detail-title')?.textContent ?? null;
    // A page is what the list shows, less one row kept in view.
    const page = VIEWPORT_HEIGHT / ROW_HEIGHT - 1;
    await waitFor(() => expect(rowTitles()[0]).toBe('Paper 01'));
    await user.keyboard('j');
    await waitFor(() => expect(shownTitle()).toBe('Paper 01'));
    await user.keyboard('{End}');
    await waitFor(() => expect(shownTitle()).toBe('Paper 30'));
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(shownTitle()).toBe(`Paper ${30 - page}`));
    await user.keyboard('{Home}');
    await waitFor(() => expect(shownTitle()).toBe('Paper 01'));
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(shownTitle()).toBe(`Paper ${String(1 + page).padStart(2, '0')}`));
    // From inside the detail pane the keys scroll the pane, as they do in any page.
    screen.getByRole('button', { name: 'Star' }).focus();
    await user.keyboard('{Home}');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(shownTitle()).toBe(`Paper ${String(1 + page).padStart(2, '0')}`);
  });
});

describe('desktop menu commands', () => {
  it('runs Find, Import, Paste, Export, Shortcuts and the theme toggle', async () => {
    const { bridge } = await ready();
    act(() => bridge.menu('find'));
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search papers' }));
    act(() => bridge.menu('paste-listing'));
    const dialog = screen.getByRole('dialog', { name: 'Import papers' });
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Listing text' }));
    act(() => within(dialog).getByRole('button', { name: 'Close' }).click());
    act(() => bridge.menu('import-file'));
    expect(document.activeElement).toBe(screen.getByLabelText('Choose file'));
    act(() => screen.getByRole('button', { name: 'Close' }).click());
    act(() => bridge.menu('export'));
    expect(screen.getByRole('menu', { name: 'Export' })).toBeTruthy();
    act(() => bridge.menu('shortcuts'));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    act(() => bridge.menu('toggle-theme'));
    expect(document.documentElement.dataset.theme).toBe('light');
    await waitFor(async () => expect((await bridge.ui()).theme).toBe('light'));
  });
});

describe('pane sizes', () => {
  it('resize with the arrow keys on the separators and are remembered', async () => {
    const { user, bridge } = await ready();
    const separator = screen.getByRole('separator', { name: 'Resize sidebar' });
    expect(separator.getAttribute('aria-valuenow')).toBe('220');
    separator.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(separator.getAttribute('aria-valuenow')).toBe('252');
    await user.keyboard('{ArrowLeft}');
    await waitFor(async () => expect((await bridge.ui()).paneSizes).toEqual({ sidebar: 236, list: 480 }));
  });
});
