// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { description, renderApp, rowTitles } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

describe('sidebar', () => {
  it('shows every view with its count', async () => {
    await renderApp(await sampleBridge());
    const nav = screen.getByRole('navigation', { name: 'Library' });
    const counts: Record<string, string> = { 'All papers': '4', Starred: '1', 'To read': '1', Reading: '0', Read: '0', graphs: '1', llm: '1', 'HF Daily Papers': '4' };
    for (const [name, count] of Object.entries(counts)) {
      await waitFor(() => expect(description(within(nav).getByRole('button', { name }))).toBe(count));
    }
  });

  it('filters the list by view', async () => {
    const { user } = await renderApp(await sampleBridge());
    await waitFor(() => expect(rowTitles()).toHaveLength(4));
    await user.click(screen.getByRole('button', { name: 'Starred' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Graph neural networks at scale']));
    expect(screen.getByRole('button', { name: 'Starred' }).getAttribute('aria-current')).toBe('page');
    await user.click(screen.getByRole('button', { name: 'To read' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Robust vision transformers']));
    await user.click(await screen.findByRole('button', { name: 'llm' }));
    await waitFor(() => expect(rowTitles()).toEqual(['A survey of diffusion in language models']));
    expect(screen.getByRole('status', { name: '1 paper' })).toBeTruthy();
  });

  it('renames a tag on every paper and keeps its view open', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await user.click(await screen.findByRole('button', { name: 'llm' }));
    await user.click(screen.getByRole('button', { name: 'Rename tag llm' }));
    const field = screen.getByRole('textbox', { name: 'New name for tag llm' });
    await user.clear(field);
    await user.type(field, 'language models{Enter}');
    const renamed = await screen.findByRole('button', { name: 'language models' });
    expect(renamed.getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('button', { name: 'llm' })).toBeNull();
    expect((await bridge.paper(SAMPLE.survey)).tags).toEqual(['language models']);
    await waitFor(() => expect(rowTitles()).toEqual(['A survey of diffusion in language models']));
  });

  it('deletes a tag after confirmation', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await user.click(await screen.findByRole('button', { name: 'Delete tag graphs' }));
    const confirm = screen.getByRole('group', { name: 'Delete tag graphs?' });
    expect(confirm.textContent).toContain('from 1 paper');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'graphs' })).toBeNull());
    expect((await bridge.paper(SAMPLE.graphs)).tags).toEqual([]);
  });
});
