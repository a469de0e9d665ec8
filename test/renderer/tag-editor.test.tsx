// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

describe('tag editor', () => {
  it('suggests existing tags as the user types and adds the chosen one', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const field = screen.getByRole('textbox', { name: 'Add tag' });
    await user.type(field, 'GR');
    const suggestions = screen.getByRole('listbox', { name: 'Tag suggestions' });
    expect(within(suggestions).getAllByRole('option').map((option) => option.textContent)).toEqual(['graphs 1']);
    expect(field.getAttribute('aria-activedescendant')).toBe(within(suggestions).getByRole('option').id);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove tag graphs' })).toBeTruthy());
    expect((await bridge.paper(SAMPLE.protein)).tags).toEqual(['graphs']);
    expect((field as HTMLInputElement).value).toBe('');
    const sidebarTag = await screen.findByRole('button', { name: 'graphs' });
    await waitFor(() => expect(within(sidebarTag).getByText('2')).toBeTruthy());
  });

  it('adds a new tag in the user’s spelling and removes tags', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    await user.type(screen.getByRole('textbox', { name: 'Add tag' }), 'To Cite{Enter}');
    await waitFor(async () => expect((await bridge.paper(SAMPLE.graphs)).tags).toEqual(['graphs', 'To Cite']));
    expect(within(screen.getByRole('list', { name: 'Tags' })).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual([
      'graphs',
      'To Cite',
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove tag graphs' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove tag graphs' })).toBeNull());
    expect((await bridge.paper(SAMPLE.graphs)).tags).toEqual(['To Cite']);
  });

  it('reports a tag the core refuses and keeps the typed text', async () => {
    const { user } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Add tag' });
    await user.type(field, 'a\u0007b{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('control characters');
    expect(field.value).toBe('a\u0007b');
  });
});
