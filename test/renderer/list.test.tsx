// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT } from '../../renderer/components/PaperList.tsx';
import { coreBridge, generatedPapers } from './core-seed.ts';
import { renderApp, rowTitles } from './render-app.tsx';

// 20,000 real papers take the core ~10 s to import and index here; the list pages them as it would 100,000.
const PAPERS = 20_000;

describe(`paper list at ${PAPERS.toLocaleString('en')} papers`, () => {
  it('renders a window of rows and fetches pages as the user scrolls', async () => {
    const bridge = await coreBridge(generatedPapers(PAPERS));
    await renderApp(bridge);
    expect(await screen.findByRole('status', { name: `${PAPERS.toLocaleString()} papers` })).toBeTruthy();
    const list = screen.getByRole('listbox', { name: 'Papers' });
    await waitFor(() => expect(rowTitles()[0]).toBe('Generated paper 0'));
    const options = within(list).getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(40);
    expect(options[0]?.getAttribute('aria-setsize')).toBe(String(PAPERS));

    await act(async () => {
      list.scrollTop = 10_000 * ROW_HEIGHT;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(rowTitles()).toContain('Generated paper 10000'));
    expect(within(list).getAllByRole('option').length).toBeLessThan(40);
    const pages = bridge.callsOf('listPapers');
    expect(pages.every((page) => page.limit !== undefined && page.limit <= 100)).toBe(true);
    expect(pages.map((page) => page.offset)).toContain(10_000);
    expect(pages.length).toBeLessThan(10);
  });

  it('selects a row with a click and shows the paper', async () => {
    const { user } = await renderApp(await coreBridge(generatedPapers(500)));
    await user.click(await screen.findByRole('option', { name: /Generated paper 3\b/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Generated paper 3' })).toBeTruthy();
    expect(screen.getByRole('option', { name: /Generated paper 3\b/ }).getAttribute('aria-selected')).toBe('true');
  });
});
