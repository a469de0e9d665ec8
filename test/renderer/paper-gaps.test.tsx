// @vitest-environment node
/**
 * The detail pane of a paper only a listing page described says what it lacks and offers to
 * resolve it on arXiv; the banner offers "Resolve now" for papers never asked about. Runs the window
 * on the real core, with a stand-in arXiv on 127.0.0.1.
 */
import './dom-with-core.ts';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, OperationInput, OperationName, OperationOutput } from '../../src/api/contract.ts';
import { startTitleServer, type TitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS, SAMPLE_PAGE } from '../library/enrich/sample-arxiv.ts';
import { TestClock } from '../sources/test-clock.ts';
import { EnrichBanner } from '../../renderer/components/EnrichBanner.tsx';
import { CoreBridge } from './core-bridge.ts';
import { renderApp } from './render-app.tsx';

let server: TitleServer;
beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
});
afterEach(() => server.close());

async function enrichBridge(clock = new TestClock()) {
  const bridge = await CoreBridge.open({ env: { PAPERSHELF_ARXIV_URL: server.url }, clock, retry: { retries: 0 } });
  // The enrichment operations reach the core as the other operations do (JSON both ways).
  const call =
    <N extends OperationName>(name: N) =>
    async (input: OperationInput<N>): Promise<ApiResult<OperationOutput<N>>> =>
      JSON.parse(JSON.stringify(await bridge.host.dispatch(name, input))) as ApiResult<OperationOutput<N>>;
  return Object.assign(bridge, { enrichPapers: call('enrichPapers'), enrichStatus: call('enrichStatus') });
}

/** The core with the sample listing imported and automatic resolving off, so nothing is resolved yet. */
async function listingBridge() {
  const bridge = await enrichBridge();
  await bridge.core('enrichStatus', { auto: false });
  await bridge.core('importText', { text: SAMPLE_PAGE });
  return bridge;
}

describe('a paper only a listing page described', () => {
  it('says what is missing in the detail pane, and Resolve finds it on arXiv', async () => {
    const bridge = await listingBridge();
    const { user } = await renderApp(bridge);
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'ToolRL');
    await user.click(await screen.findByRole('option', { name: /ToolRL: Reward is All Tool Learning Needs/ }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Paper details' }).textContent).toContain('ToolRL'));
    const detail = screen.getByRole('region', { name: 'Paper details' });
    expect(detail.textContent).toContain('8 authors — names not in the listing');
    const gaps = within(detail).getByRole('region', { name: 'Missing details' });
    expect(gaps.textContent).toContain('No arXiv id, author names, abstract link or PDF link yet');
    expect(within(detail).queryByRole('list', { name: 'Links' })).toBeNull();
    expect(server.requests).toHaveLength(0);

    await user.click(within(gaps).getByRole('button', { name: 'Resolve' }));
    // The window follows the paper to its arXiv id.
    await waitFor(() => expect(screen.getByRole('region', { name: 'Paper details' }).textContent).toContain('Author1 Known'), { timeout: 10_000 });
    const resolved = screen.getByRole('region', { name: 'Paper details' });
    expect(resolved.textContent).toContain('arXiv:2504.13958');
    expect(within(resolved).queryByRole('region', { name: 'Missing details' })).toBeNull();
    expect(within(within(resolved).getByRole('list', { name: 'Links' })).getByRole('link', { name: 'arXiv abstract' })).toBeTruthy();
    expect(server.requests).toHaveLength(1);
  });

  it('the banner offers Resolve now for papers never asked about, and shows what a run found', async () => {
    const bridge = await listingBridge();
    render(<EnrichBanner bridge={bridge} />);
    const banner = await screen.findByRole('status', { name: 'Resolving papers' });
    await waitFor(() => expect(banner.textContent).toContain('59 papers are not yet found on arXiv.'));
    const auto = within(banner).getByRole<HTMLInputElement>('checkbox', { name: 'Resolve imported papers automatically' });
    expect(auto.checked).toBe(false);
    auto.click();
    await waitFor(() => expect(auto.checked).toBe(true));
    expect((await bridge.core('enrichStatus', {})).auto).toBe(true);
    await within(banner).findByRole('button', { name: 'Resolve now' }).then((button) => button.click());
    await waitFor(() => expect(screen.getByRole('status', { name: 'Resolving papers' }).textContent).toContain('Resolved 12 of 59 papers'), { timeout: 15_000 });
    expect((await bridge.core('getPaper', { id: '2504.13958' })).authors).toHaveLength(8);
  });

  it('the banner shows "Resolving 59 papers" with progress while an import resolves its papers behind it', async () => {
    const clock = new TestClock(false);
    const bridge = await enrichBridge(clock);
    render(<EnrichBanner bridge={bridge} />);
    await bridge.core('importText', { text: SAMPLE_PAGE });
    // arXiv's spacing (on the test's clock) holds the second request: the run is under way.
    await waitFor(() => expect(screen.getByRole('status', { name: 'Resolving papers' }).textContent).toContain('Resolving 59 papers on arXiv…'), { timeout: 5000 });
    const progress = await screen.findByRole<HTMLProgressElement>('progressbar', { name: 'Requests answered' }, { timeout: 5000 });
    expect(progress.max).toBe(6);
    while (server.requests.length < 6 || clock.sleeping > 0) {
      clock.advance(3000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Resolving papers' })).toBeNull(), { timeout: 10_000 });
    expect((await bridge.core('getPaper', { id: '2504.13958' })).authors).toHaveLength(8);
  });
});
