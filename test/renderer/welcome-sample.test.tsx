// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHfPage } from '../../src/importers/hf-page.ts';
import SAMPLE_TEXT from '../../assets/samples/hf-papers-page.txt?raw';
import { coreBridge } from './core-seed.ts';
import { renderApp, rowTitles } from './render-app.tsx';

/** An empty library, and what the window asked it to import. */
async function emptyLibrary() {
  const bridge = await coreBridge();
  return { bridge, imported: () => bridge.callsOf('importText') };
}

function serve(status: number, body: string): string[] {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (url: URL | string) => {
    requested.push(String(url));
    return { ok: status === 200, status, text: async () => body } as Response;
  });
  return requested;
}

afterEach(() => vi.unstubAllGlobals());

describe('welcome screen: Load the sample listing', () => {
  it('fetches the sample from the page’s own origin, imports it and shows its papers', async () => {
    const requested = serve(200, SAMPLE_TEXT);
    const { bridge, imported } = await emptyLibrary();
    const { user } = await renderApp(bridge);

    await user.click(await screen.findByRole('button', { name: 'Load the sample listing' }));

    expect(requested).toEqual([new URL('samples/hf-papers-page.txt', document.baseURI).href]);
    await waitFor(() => expect(imported()).toHaveLength(1));
    expect(imported().map(({ format, sourceName }) => ({ format, sourceName }))).toEqual([{ format: 'hf-page', sourceName: 'sample: hf-papers-page.txt' }]);
    expect(imported()[0]?.text === SAMPLE_TEXT).toBe(true);
    await screen.findByRole('listbox', { name: 'Papers' });
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(0));
    const sampleTitles = new Set(parseHfPage(SAMPLE_TEXT).papers.map((paper) => paper.title));
    expect(rowTitles().filter((title) => !sampleTitles.has(title))).toEqual([]);
    expect((await bridge.core('stats', {})).papers).toBe(sampleTitles.size);
    expect(screen.queryByRole('heading', { name: 'Welcome to Papershelf' })).toBeNull();
  });

  it('says so in one line when the sample cannot be fetched, and imports nothing', async () => {
    serve(404, 'Not found');
    const { bridge, imported } = await emptyLibrary();
    const { user } = await renderApp(bridge);

    await user.click(await screen.findByRole('button', { name: 'Load the sample listing' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent?.trim()).toBe('could not load the sample listing (HTTP 404)'));
    expect(imported()).toEqual([]);
    expect(screen.getByRole('heading', { name: 'Welcome to Papershelf' })).toBeTruthy();
  });
});
