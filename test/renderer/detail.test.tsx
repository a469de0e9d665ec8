// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, rowTitles, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';
import { seed } from './core-seed.ts';

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('detail pane', () => {
  it('shows the paper: title, authors, date, upvotes, links, abstract with math', async () => {
    const { user } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const detail = screen.getByRole('region', { name: 'Paper details' });
    expect(detail.textContent).toContain('Ada Lovelace, Alan Turing');
    expect(detail.textContent).toContain('▲ 42');
    expect(detail.textContent).toContain('arXiv:2508.07662');
    const abstract = within(detail).getByRole('region', { name: 'Abstract' });
    expect(abstract.querySelectorAll('.katex')).toHaveLength(2);
    expect(abstract.textContent).toContain('sample new proteins');
  });

  it('opens links in the system browser through the bridge', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const links = screen.getByRole('list', { name: 'Links' });
    await user.click(within(links).getByRole('link', { name: 'arXiv abstract' }));
    await user.click(within(links).getByRole('link', { name: 'GitHub' }));
    expect(bridge.opened).toEqual(['https://arxiv.org/abs/2508.07662', 'https://github.com/example/protein-diffusion']);
  });

  it('shows the star as pressed only once the core has answered', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const star = screen.getByRole('button', { name: 'Star' });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    const release = bridge.hold('setStar');
    await user.click(star);
    await flush();
    expect(bridge.callsOf('setStar')).toEqual([{ id: SAMPLE.protein, starred: true }]);
    expect(star.getAttribute('aria-pressed')).toBe('false');
    release();
    await waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('true'));
    expect((await bridge.paper(SAMPLE.protein)).starred).toBe(true);
    expect(screen.getByRole('option', { name: /Diffusion models for protein design\s*\(starred\)/ })).toBeTruthy();
  });

  it('sets the reading status', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Reading status' });
    expect(select.value).toBe('');
    await user.selectOptions(select, 'Reading');
    await waitFor(() => expect(select.value).toBe('reading'));
    expect((await bridge.paper(SAMPLE.graphs)).status).toBe('reading');
  });

  it('lists similar papers and opens one', async () => {
    const { user } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const similar = await screen.findByRole('region', { name: 'Similar papers' });
    await user.click(within(similar).getByRole('button', { name: 'A survey of diffusion in language models' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'A survey of diffusion in language models' })).toBeTruthy();
  });

  it('shows changes made in another window', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Robust vision transformers/);
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });
    // Another window stars the paper and writes its note.
    await act(async () => {
      await bridge.core('setStar', { id: SAMPLE.vision, starred: true });
      await bridge.core('setNote', { id: SAMPLE.vision, text: 'Written elsewhere' });
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Star' }).getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(note.value).toBe('Written elsewhere'));
    expect(screen.getByRole('option', { name: /Robust vision transformers\s*\(starred\)/ })).toBeTruthy();
  });

  it('refetches for library changes but not for fetch progress', async () => {
    const { bridge } = await renderApp(await sampleBridge());
    await waitFor(() => expect(rowTitles()).toHaveLength(4));
    await act(() => bridge.quiet());
    const before = bridge.callsOf('listPapers').length;
    // Another window follows a source and fetches from it (offline here): follows and fetch events only.
    const events: string[] = [];
    bridge.onChange((event) => events.push(event.kind));
    await act(async () => {
      await bridge.core('follow', { kind: 'arxiv', query: 'all:graphs' });
      const { job } = await bridge.core('fetchSource', { source: 'arxiv', query: 'all:graphs' });
      await waitFor(async () => expect((await bridge.core('listFetchJobs', {})).jobs.find((candidate) => candidate.id === job.id)?.finished).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(events).toContain('fetch');
    expect(events).toContain('follows');
        expect(bridge.callsOf('listPapers')).toHaveLength(before);
    await act(() => seed(bridge, [{ title: 'Fetched by another process', published: '2026-06-01' }]));
    await waitFor(() => expect(rowTitles()).toContain('Fetched by another process'));
  });

  it('restores the saved window state and saves changes to it', async () => {
    const bridge = await sampleBridge({ query: 'graph', selectedId: SAMPLE.graphs, sort: 'title', view: { kind: 'starred', value: null } });
    const { user } = await renderApp(bridge);
    const search = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search papers' });
    const sortBy = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sort by' }).value;
    expect(search.value).toBe('graph');
    expect(await screen.findByRole('heading', { level: 2, name: 'Graph neural networks at scale' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Starred' }).getAttribute('aria-current')).toBe('page');
    // A restored query lists by relevance; the saved order is the list's own, for when no query is present.
    expect(sortBy()).toBe('relevance');
    await waitFor(() => expect(rowTitles()).toEqual(['Graph neural networks at scale']));
    await user.click(screen.getByRole('button', { name: 'All papers' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Upvotes');
    await waitFor(() => expect(sortBy()).toBe('upvotes'));
    await waitFor(async () => expect(await bridge.ui()).toMatchObject({ sort: 'title', view: { kind: 'all', value: null }, query: 'graph' }));
    await user.clear(search);
    await waitFor(() => expect(sortBy()).toBe('title'));
    await waitFor(() => expect(rowTitles()[0]).toBe('A survey of diffusion in language models'));
    await waitFor(async () => expect(await bridge.ui()).toMatchObject({ sort: 'title', query: '' }));
  });

  it('restores the saved list order when no query was saved', async () => {
    const bridge = await sampleBridge({ sort: 'upvotes' });
    await renderApp(bridge);
    await waitFor(() =>
      expect(rowTitles()).toEqual([
        'Diffusion models for protein design',
        'Graph neural networks at scale',
        'A survey of diffusion in language models',
        'Robust vision transformers',
      ]),
    );
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sort by' }).value).toBe('upvotes');
  });
});
