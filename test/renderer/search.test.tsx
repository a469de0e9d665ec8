// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, rowTitles, selectPaper } from './render-app.tsx';
import { sampleBridge } from './core-sample.ts';

describe('search box', () => {
  it('updates the list as the user types', async () => {
    const { user } = await renderApp(await sampleBridge());
    await waitFor(() => expect(rowTitles()).toHaveLength(4));
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'diffusion');
    await waitFor(() => expect(rowTitles().sort()).toEqual(['A survey of diffusion in language models', 'Diffusion models for protein design']));
    expect(screen.getByRole('status', { name: '2 papers' })).toBeTruthy();
  });

  it('drops the answer of a query the user has typed past', async () => {
    const bridge = await sampleBridge();
    const { user } = await renderApp(bridge);
    const release = bridge.hold('search', (input) => input.query === 'graph');
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'graph');
    await waitFor(() => expect(bridge.callsOf('search').map((call) => call.query)).toContain('graph'));
    await user.clear(box);
    await user.type(box, 'robust*');
    await waitFor(() => expect(rowTitles()).toEqual(['Robust vision transformers']));
    await act(async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(rowTitles()).toEqual(['Robust vision transformers']);
  });

  it('shows why a query is invalid and keeps the previous results', async () => {
    const { user } = await renderApp(await sampleBridge());
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'diffusion');
    await waitFor(() => expect(rowTitles()).toHaveLength(2));
    await user.type(box, ' title:');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('"title:" needs a word after it');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(rowTitles()).toHaveLength(2);
    await user.type(box, 'protein');
    await waitFor(() => expect(rowTitles()).toEqual(['Diffusion models for protein design']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('searches with the core’s analysis: word forms, phrases and prefixes of the word being typed', async () => {
    const { user } = await renderApp(await sampleBridge());
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    // "proteins" and "transformer" meet "protein" and "transformers" through the stemmer.
    await user.type(box, 'transformer');
    await waitFor(() => expect(rowTitles()).toEqual(['Robust vision transformers']));
    await user.clear(box);
    await user.type(box, 'designs');
    await waitFor(() => expect(rowTitles()).toEqual(['Diffusion models for protein design']));
    // A phrase needs its words together: both diffusion papers say "diffusion", one says "language models".
    await user.clear(box);
    await user.type(box, '"language models"');
    await waitFor(() => expect(rowTitles()).toEqual(['A survey of diffusion in language models']));
    await user.clear(box);
    await user.type(box, '"models diffusion"');
    await waitFor(() => expect(rowTitles()).toEqual([]));
    // The word being typed matches the words it begins.
    await user.clear(box);
    await user.type(box, 'adversa');
    await waitFor(() => expect(rowTitles()).toEqual(['Robust vision transformers']));
  });

  it('offers the query syntax one click away', async () => {
    const { user } = await renderApp(await sampleBridge());
    await user.click(screen.getByRole('button', { name: 'Search syntax' }));
    const help = screen.getByRole('dialog', { name: 'Search syntax' });
    for (const syntax of ['title:', 'author:', 'tag:', 'note:', '*', '~1', '-survey', '+vision', '"', 'OR', '(', 'NOT', '2606.13106']) {
      expect(help.textContent).toContain(syntax);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Search syntax' })).toBeNull();
  });

  it('finds tags and notes, and marks the matched words in the paper', async () => {
    const { user } = await renderApp(await sampleBridge());
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'note:section');
    await waitFor(() => expect(rowTitles()).toEqual(['A survey of diffusion in language models']));
    await user.clear(box);
    await user.type(box, 'diffusion -survey');
    await waitFor(() => expect(rowTitles()).toEqual(['Diffusion models for protein design']));
    const heading = await selectPaper(user, /Diffusion models for protein design/);
    expect([...heading.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Diffusion']);
    const abstract = screen.getByRole('region', { name: 'Abstract' });
    expect(within(abstract).getByText('diffusion').tagName).toBe('MARK');
  });

  it('orders by relevance while a query is present, and by the list order once it is cleared', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    const sortBox = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
    expect(sortBox.value).toBe('date');
    const optionsNow = () => [...sortBox.options].map((option) => option.value);
    expect(optionsNow()).not.toContain('relevance');
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'diffusion');
    await waitFor(() => expect(bridge.callsOf('search').at(-1)).toMatchObject({ query: 'diffusion', sort: 'relevance' }));
    expect(sortBox.value).toBe('relevance');
    // Another order chosen for this query holds while it is refined...
    await user.selectOptions(sortBox, 'title');
    await waitFor(() => expect(bridge.callsOf('search').at(-1)).toMatchObject({ query: 'diffusion', sort: 'title' }));
    await waitFor(() => expect(rowTitles()).toEqual(['A survey of diffusion in language models', 'Diffusion models for protein design']));
    // ...and is forgotten with the query: the list's own order comes back.
    const lists = bridge.callsOf('listPapers').length;
    await user.clear(box);
    await waitFor(() => expect(bridge.callsOf('listPapers').length).toBeGreaterThan(lists));
    expect(bridge.callsOf('listPapers').at(-1)).toMatchObject({ sort: 'date' });
    await waitFor(() => expect(sortBox.value).toBe('date'));
    expect(optionsNow()).not.toContain('relevance');
    await user.type(box, 'graph');
    await waitFor(() => expect(bridge.callsOf('search').at(-1)).toMatchObject({ query: 'graph', sort: 'relevance' }));
  });

  it('keeps the list order chosen without a query, and never sticks on relevance', async () => {
    const { user, bridge } = await renderApp(await sampleBridge({ sort: 'relevance' }));
    const sortBox = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
    await waitFor(() => expect(bridge.callsOf('listPapers').at(-1)).toMatchObject({ sort: 'date' }));
    await user.selectOptions(sortBox, 'upvotes');
    await waitFor(() => expect(bridge.callsOf('listPapers').at(-1)).toMatchObject({ sort: 'upvotes' }));
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'diffusion');
    await waitFor(() => expect(bridge.callsOf('search').at(-1)).toMatchObject({ sort: 'relevance' }));
    const lists = bridge.callsOf('listPapers').length;
    await user.clear(box);
    await waitFor(() => expect(bridge.callsOf('listPapers').length).toBeGreaterThan(lists));
    expect(bridge.callsOf('listPapers').at(-1)).toMatchObject({ sort: 'upvotes' });
    expect(bridge.callsOf('listPapers').some((call) => call.sort === 'relevance')).toBe(false);
  });

  it('does not restore a saved query that no longer runs', async () => {
    const bridge = await sampleBridge({ query: 'diffusion title:' });
    await renderApp(bridge);
    const box = screen.getByRole('searchbox', { name: 'Search papers' }) as HTMLInputElement;
    await waitFor(() => expect(box.value).toBe(''));
    await waitFor(() => expect(rowTitles()).toHaveLength(4));
    await waitFor(async () => expect((await bridge.ui()).query).toBe(''));
  });

  it('restores a saved query that runs', async () => {
    const bridge = await sampleBridge({ query: 'diffusion' });
    await renderApp(bridge);
    await waitFor(() => expect(rowTitles()).toHaveLength(2));
    expect((screen.getByRole('searchbox', { name: 'Search papers' }) as HTMLInputElement).value).toBe('diffusion');
  });
});
