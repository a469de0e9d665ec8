// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.ts';
import { renderApp, rowTitles } from './render-app.tsx';

const sources = () => screen.getByRole('region', { name: 'Sources' });
const bar = () => within(sources()).getByRole('progressbar', { name: 'Fetch progress' });
const progress = () => [bar().getAttribute('aria-valuenow'), bar().getAttribute('aria-valuemax')];
/** Answers the next request of the running fetch, as the network would. */
const step = (bridge: FakeBridge) => act(() => bridge.sources.advance());

/** A library that follows Daily Papers (two days to fetch) and one arXiv query (one page). */
function followingBridge(): FakeBridge {
  const bridge = new FakeBridge([{ id: 'old', title: 'A paper already here', published: '2026-06-01' }]);
  bridge.sources.serve('hf-daily', [
    [{ title: 'Day one paper', published: '2026-06-29' }],
    [{ title: 'Day two paper', published: '2026-06-30' }, { title: 'A paper already here', upvotes: 9 }],
  ]);
  bridge.sources.serve('cat:cs.LG', [[{ title: 'An arXiv paper', published: '2026-06-28' }]]);
  bridge.sources.follow({ kind: 'hf-daily' });
  bridge.sources.follow({ kind: 'arxiv', query: 'cat:cs.LG' });
  return bridge;
}

describe('sources: refresh', () => {
  it('shows progress advancing as batches arrive, then the summary', async () => {
    const bridge = followingBridge();
    const { user } = await renderApp(bridge);
    await waitFor(() => expect(rowTitles()).toEqual(['A paper already here']));
    await user.click(within(sources()).getByRole('button', { name: 'Refresh sources' }));

    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', true);

    await step(bridge);
    await waitFor(() => expect(progress()).toEqual(['1', '3']));
    expect(within(sources()).getByText(/Hugging Face Daily Papers: batch 1 of 2/)).toBeTruthy();
    // Each batch is in the library as soon as it is committed, and the list shows it.
    await waitFor(() => expect(rowTitles()).toContain('Day one paper'));

    await step(bridge);
    await waitFor(() => expect(progress()).toEqual(['2', '3']));
    await step(bridge);

    const summary = await within(sources()).findByText('Refresh of 2 follows: finished');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
    expect(summary.parentElement!.textContent).toContain('3 added, 1 updated, 0 unchanged');
    await waitFor(() => expect(rowTitles()).toEqual(['Day two paper', 'Day one paper', 'An arXiv paper', 'A paper already here']));
    // The follows now say when they were fetched.
    await waitFor(() => expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')!.textContent).toContain('complete through 2026-06-30'));
    expect(within(sources()).getByText('arXiv "cat:cs.LG"').closest('li')!.textContent).toMatch(/Fetched /);

    await user.click(within(sources()).getByRole('button', { name: 'Dismiss fetch summary' }));
    expect(within(sources()).queryByText('Refresh of 2 follows: finished')).toBeNull();
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', false);
  });

  it('cancels a running refresh, keeping the batches already imported', async () => {
    const bridge = followingBridge();
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    await step(bridge);
    await waitFor(() => expect(progress()).toEqual(['1', '3']));

    await user.click(within(sources()).getByRole('button', { name: 'Cancel fetch' }));
    const [{ job }] = bridge.callsOf('cancelFetch') as [{ job: string }];
    expect(bridge.sources.listJobs().jobs.map((candidate) => candidate.id)).toEqual([job]);

    const outcome = await within(sources()).findByText('cancelled — 1 batch imported, library consistent');
    expect(outcome.getAttribute('role')).toBe('status');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
    expect(within(sources()).getByText('Refresh of 2 follows: cancelled')).toBeTruthy();
    expect([...bridge.library.papers.values()].map((paper) => paper.title).sort()).toEqual(['A paper already here', 'Day one paper']);
    expect(bridge.sources.listJobs().jobs[0]?.state).toBe('cancelled');
  });

  it('reports an offline network with the core’s message and leaves the library as it was', async () => {
    const bridge = followingBridge();
    bridge.sources.online = false;
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(progress()).toEqual(['0', '3']));
    await step(bridge);
    await step(bridge);

    const alert = await within(sources()).findByRole('alert');
    expect(alert.textContent).toBe(
      'Hugging Face Daily Papers: offline: could not reach huggingface.co — your library is unchanged; ' +
        'arXiv "cat:cs.LG": offline: could not reach export.arxiv.org — your library is unchanged',
    );
    expect(within(sources()).getByText('Refresh of 2 follows: failed')).toBeTruthy();
    expect([...bridge.library.papers.values()].map((paper) => paper.title)).toEqual(['A paper already here']);
    // Each follow keeps its own failure until a later refresh succeeds.
    await waitFor(() =>
      expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')!.textContent).toContain('offline: could not reach huggingface.co'),
    );
  });

  it('picks up a refresh already running when the window opens', async () => {
    const bridge = followingBridge();
    const started = bridge.sources.refresh().job;
    await bridge.sources.advance();

    const { user } = await renderApp(bridge);
    await waitFor(() => expect(progress()).toEqual(['1', '3']));
    await step(bridge);
    await waitFor(() => expect(progress()).toEqual(['2', '3']));

    await user.click(within(sources()).getByRole('button', { name: 'Cancel fetch' }));
    expect(bridge.callsOf('cancelFetch')).toEqual([{ job: started.id }]);
    await within(sources()).findByText('cancelled — 2 batches imported, library consistent');
  });

  it('catches up with a running job whose progress events were lost', async () => {
    const bridge = followingBridge();
    // As when the browser's event stream drops and reconnects: fetch and follows events never arrive.
    const deliver = bridge.broadcast.bind(bridge);
    bridge.broadcast = (event) => {
      if (event.kind !== 'fetch' && event.kind !== 'follows') deliver(event);
    };
    const { user } = await renderApp(bridge);
    await user.click(await within(sources()).findByRole('button', { name: 'Refresh sources' }));
    await waitFor(() => expect(within(sources()).getByText('Refresh of 2 follows')).toBeTruthy());
    await step(bridge);
    await step(bridge);
    await step(bridge);
    const summary = await within(sources()).findByText('Refresh of 2 follows: finished', {}, { timeout: 5000 });
    expect(summary.parentElement!.textContent).toContain('3 added, 1 updated, 0 unchanged');
    await waitFor(() => expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')!.textContent).toContain('complete through 2026-06-30'));
  });

  it('shows why a refresh could not start', async () => {
    const bridge = followingBridge();
    const { user } = await renderApp(bridge);
    const refresh = await within(sources()).findByRole('button', { name: 'Refresh sources' });
    // Another window unfollows everything while this one's request is on its way.
    const release = bridge.hold('refresh');
    await user.click(refresh);
    bridge.sources.unfollow('hf-daily');
    bridge.sources.unfollow('cat:cs.LG');
    release();
    const alert = await within(sources()).findByRole('alert');
    expect(alert.textContent).toContain('nothing is followed yet');
    expect(within(sources()).queryByRole('progressbar')).toBeNull();
  });
});
