// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CoreBridge } from './core-bridge.ts';
import { seed } from './core-seed.ts';
import { renderApp, rowTitles } from './render-app.tsx';
import { StepNetwork } from './step-network.ts';

const sources = () => screen.getByRole('region', { name: 'Sources' });
const bar = () => within(sources()).getByRole('progressbar', { name: 'Fetch progress' });
const progress = () => [bar().getAttribute('aria-valuenow'), bar().getAttribute('aria-valuemax')];
const titles = async (bridge: CoreBridge) => (await bridge.core('listPapers', {})).results.map((paper) => paper.title).sort();

/**
 * A library that follows Daily Papers since yesterday (two days to fetch: 2026-06-30 and today,
 * 2026-07-01) and one arXiv query (one page), with one paper already in it that today's Daily
 * Papers list again, now with its arXiv id.
 */
async function following(): Promise<{ bridge: CoreBridge; network: StepNetwork; step: () => Promise<void> }> {
  const network = await StepNetwork.start({
    hfDays: {
      '2026-06-30': [{ arxivId: '2606.90001', title: 'Day one paper', published: '2026-06-29' }],
      '2026-07-01': [
        { arxivId: '2606.90002', title: 'Day two paper', published: '2026-06-30' },
        { arxivId: '2606.90003', title: 'A paper already here', published: '2026-06-01', upvotes: 9 },
      ],
    },
    arxiv: [{ arxivId: '2606.90004', title: 'An arXiv paper', published: '2026-06-28' }],
  });
  const bridge = await network.open();
  await seed(bridge, [{ title: 'A paper already here', published: '2026-06-01' }]);
  await bridge.core('follow', { kind: 'hf-daily', since: '2026-06-30' });
  await bridge.core('follow', { kind: 'arxiv', query: 'cat:cs.LG' });
  /** Answers the next request of the running fetch, as the network would. */
  const step = () => act(() => network.advance());
  return { bridge, network, step };
}

describe('sources: refresh', () => {
  it('shows progress advancing as batches arrive, then the summary', async () => {
    const { bridge, step } = await following();
    const { user } = await renderApp(bridge);
    await waitFor(() => expect(rowTitles()).toEqual(['A paper already here']));
    await user.click(within(sources()).getByRole('button', { name: 'Refresh sources' }));

    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', true);

    await step();
    await waitFor(() => expect(progress()).toEqual(['1', '3']));
    expect(within(sources()).getByText(/2026-06-30: 1 paper \(1 added, 0 updated, 0 unchanged\)/)).toBeTruthy();
    // Each batch is in the library as soon as it is committed, and the list shows it.
    await waitFor(() => expect(rowTitles()).toContain('Day one paper'));

    await step();
    await waitFor(() => expect(progress()).toEqual(['2', '3']));
    await step();

    const summary = await within(sources()).findByText('Refresh of 2 follows: finished');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
    expect(summary.parentElement?.textContent).toContain('3 added, 1 updated, 0 unchanged');
    await waitFor(() => expect(rowTitles()).toEqual(['Day two paper', 'Day one paper', 'An arXiv paper', 'A paper already here']));
    // The follows now say when they were fetched.
    await waitFor(() => expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')?.textContent).toContain('complete through 2026-06-30'));
    expect(within(sources()).getByText('arXiv "cat:cs.LG"').closest('li')?.textContent).toMatch(/Fetched /);

    await user.click(within(sources()).getByRole('button', { name: 'Dismiss fetch summary' }));
    expect(within(sources()).queryByText('Refresh of 2 follows: finished')).toBeNull();
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', false);
  });

  it('cancels a running refresh, keeping the batches already imported', async () => {
    const { bridge, step } = await following();
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    await step();
    await waitFor(() => expect(progress()).toEqual(['1', '3']));

    await user.click(within(sources()).getByRole('button', { name: 'Cancel fetch' }));
    const [{ job }] = bridge.callsOf('cancelFetch') as [{ job: string }];
    expect((await bridge.core('listFetchJobs', {})).jobs.map((candidate) => candidate.id)).toEqual([job]);

    const outcome = await within(sources()).findByText('cancelled — 1 batch imported, library consistent');
    expect(outcome.getAttribute('role')).toBe('status');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
    expect(within(sources()).getByText('Refresh of 2 follows: cancelled')).toBeTruthy();
    expect(await titles(bridge)).toEqual(['A paper already here', 'Day one paper']);
    expect((await bridge.core('listFetchJobs', {})).jobs[0]?.state).toBe('cancelled');
  });

  it('reports an offline network with the core’s message and leaves the library as it was', async () => {
    const { bridge, network } = await following();
    network.online = false;
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    // One request per follow, then whatever else the core tries before it gives up.
    await act(() => network.finish());
    expect((await bridge.core('listFetchJobs', {})).jobs[0]?.parts.map((part) => part.error?.code)).toEqual(['offline', 'offline']);

    const alert = await within(sources()).findByRole('alert');
    expect(alert.textContent).toBe(
      'Hugging Face Daily Papers: offline: could not reach huggingface.co (its name could not be looked up) — your library is unchanged; ' +
        'arXiv "cat:cs.LG": offline: could not reach export.arxiv.org (its name could not be looked up) — your library is unchanged',
    );
    expect(within(sources()).getByText('Refresh of 2 follows: failed')).toBeTruthy();
    expect(await titles(bridge)).toEqual(['A paper already here']);
    // Each follow keeps its own failure until a later refresh succeeds.
    await waitFor(() =>
      expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')?.textContent).toContain('offline: could not reach huggingface.co'),
    );
  });

  it('picks up a refresh already running when the window opens', async () => {
    const { bridge, network, step } = await following();
    const started = (await bridge.core('refresh', {})).job;
    await network.advance();

    const { user } = await renderApp(bridge);
    await waitFor(() => expect(progress()).toEqual(['1', '3']));
    await step();
    await waitFor(() => expect(progress()).toEqual(['2', '3']));

    await user.click(within(sources()).getByRole('button', { name: 'Cancel fetch' }));
    expect(bridge.callsOf('cancelFetch')).toEqual([{ job: started.id }]);
    await within(sources()).findByText('cancelled — 2 batches imported, library consistent');
  });

  it('catches up with a running job whose progress events were lost', async () => {
    const { bridge, step } = await following();
    // As when the browser's event stream drops and reconnects: fetch and follows events never arrive.
    bridge.dropEvents((event) => event.kind === 'fetch' || event.kind === 'follows');
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(within(sources()).getByText('Refresh of 2 follows')).toBeTruthy());
    await step();
    await step();
    await step();
    const summary = await within(sources()).findByText('Refresh of 2 follows: finished', {}, { timeout: 8000 });
    expect(summary.parentElement?.textContent).toContain('3 added, 1 updated, 0 unchanged');
    await waitFor(() => expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')?.textContent).toContain('complete through 2026-06-30'));
  });

  it('shows why a refresh could not start', async () => {
    const { bridge } = await following();
    const { user } = await renderApp(bridge);
    const refresh = await within(sources()).findByRole('button', { name: 'Refresh sources' });
    // Another window unfollows everything while this one's request is on its way.
    const release = bridge.hold('refresh');
    await user.click(refresh);
    for (const follow of (await bridge.core('listFollows', {})).follows) await bridge.core('unfollow', { id: follow.id });
    release();
    const alert = await within(sources()).findByRole('alert');
    expect(alert.textContent).toContain('nothing is followed yet');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
  });
});
