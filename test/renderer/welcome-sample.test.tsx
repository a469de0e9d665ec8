// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHfPage } from '../../src/importers/hf-page.ts';
import SAMPLE_TEXT from '../../assets/samples/hf-papers-page.txt?raw';
import { FakeBridge } from './fake-bridge.ts';
import { renderApp, rowTitles } from './render-app.tsx';

/** The fake library only reads JSON lists; the sample is parsed with the real importer first. */
function bridgeThatReadsListingPages(): { bridge: FakeBridge; imported: Array<{ text: string; format?: string; sourceName?: string }> } {
  const bridge = new FakeBridge([]);
  const imported: Array<{ text: string; format?: string; sourceName?: string }> = [];
  const importJson = bridge.importText;
  bridge.importText = async (input) => {
    imported.push(input);
    const parsed = parseHfPage(input.text);
    return importJson({ text: JSON.stringify(parsed.papers.map(({ title, abstract, authors }) => ({ title, abstract, authors }))) });
  };
  return { bridge, imported };
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
    const { bridge, imported } = bridgeThatReadsListingPages();
    const { user } = await renderApp(bridge);

    await user.click(await screen.findByRole('button', { name: 'Load the sample listing' }));

    expect(requested).toEqual([new URL('samples/hf-papers-page.txt', document.baseURI).href]);
    await waitFor(() => expect(imported).toHaveLength(1));
    expect(imported.map(({ format, sourceName }) => ({ format, sourceName }))).toEqual([{ format: 'hf-page', sourceName: 'sample: hf-papers-page.txt' }]);
    expect(imported[0]?.text === SAMPLE_TEXT).toBe(true);
    await screen.findByRole('listbox', { name: 'Papers' });
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(0));
    const sampleTitles = new Set(parseHfPage(SAMPLE_TEXT).papers.map((paper) => paper.title));
    expect(rowTitles().filter((title) => !sampleTitles.has(title))).toEqual([]);
    expect(screen.queryByRole('heading', { name: 'Welcome to Papershelf' })).toBeNull();
  });

  it('says so in one line when the sample cannot be fetched, and imports nothing', async () => {
    serve(404, 'Not found');
    const { bridge, imported } = bridgeThatReadsListingPages();
    const { user } = await renderApp(bridge);

    await user.click(await screen.findByRole('button', { name: 'Load the sample listing' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent?.trim()).toBe('could not load the sample listing (HTTP 404)'));
    expect(imported).toEqual([]);
    expect(screen.getByRole('heading', { name: 'Welcome to Papershelf' })).toBeTruthy();
  });
});
