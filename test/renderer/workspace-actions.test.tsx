// @vitest-environment node
import './dom-with-core.ts';
// The detail pane's actions as the whole window wires them: author links run a query in the search
// box, and r / o reach the selected paper through the window's shortcuts.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_LINK_NOTICE } from '../../renderer/hooks/use-paper-actions.ts';
import { renderApp, rowTitles, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

describe('the window wires the detail pane', () => {
  it('clicking an author lists their papers through the search box', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Diffusion models for protein design/);
    const detail = screen.getByRole('region', { name: 'Paper details' });
    await user.click(within(detail).getByRole('button', { name: 'Alan Turing' }));
    const search = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search papers' });
    expect(search.value).toBe('author:"Alan Turing"');
    await waitFor(() => expect(bridge.callsOf('search').at(-1)?.query).toBe('author:"Alan Turing"'));
    await waitFor(() => expect(rowTitles()).toEqual(['Diffusion models for protein design']));
  });

  it('r cycles the status of the selected paper and o on a paper without links says so', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /A survey of diffusion in language models/);
    await user.keyboard('r');
    await waitFor(async () => expect((await bridge.paper(SAMPLE.survey)).status).toBe('to-read'));
    await user.keyboard('o');
    await waitFor(() => expect(bridge.opened.at(-1)).toMatch(/^https:\/\/huggingface\.co\/papers\?q=/));
    expect(await screen.findByText(NO_LINK_NOTICE)).toBeTruthy();
  });

  it('End with nothing selected selects the last paper, Home the first', async () => {
    const { user } = await renderApp(await sampleBridge());
    await waitFor(() => expect(rowTitles()).toHaveLength(4));
    const shownTitle = () => document.querySelector('.detail-title')?.textContent ?? null;
    await user.keyboard('{End}');
    await waitFor(() => expect(shownTitle()).toBe('Robust vision transformers'));
    await user.keyboard('{Home}');
    await waitFor(() => expect(shownTitle()).toBe('Diffusion models for protein design'));
  });
});
