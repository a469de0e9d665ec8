// @vitest-environment node
import './dom-with-core.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperView } from '../../renderer/api/types.ts';
import { copyCitations } from '../../renderer/lib/citations.ts';
import { DetailHarness } from './detail-harness.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const LAB_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Lab &amp; Friends</title><id>lab</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" text-case="uppercase"/></layout></bibliography>
</style>`;

async function showPaper(id: string) {
  // user-event puts a working clipboard on navigator.
  const user = userEvent.setup();
  render(<DetailHarness bridge={await sampleBridge()} id={id} log={{ searches: [], notices: [] }} />);
  const group = await screen.findByRole('group', { name: 'Citation' });
  return { user, group };
}

async function views(ids: string[]): Promise<PaperView[]> {
  const bridge = await sampleBridge();
  const answers = await Promise.all(ids.map((id) => bridge.getPaper({ id })));
  return answers.map((answer) => {
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  });
}

describe('copy citation', () => {
  it('copies an APA reference and then BibTeX of the shown paper, saying so', async () => {
    const { user, group } = await showPaper(SAMPLE.protein);
    await user.click(within(group).getByRole('button', { name: 'Copy citation' }));
    await waitFor(() => expect(within(group).getByRole('status').textContent).toBe('Copied (APA)'), { timeout: 20_000 });
    expect(await navigator.clipboard.readText()).toBe(
      'Lovelace, A., & Turing, A. (2026). Diffusion models for protein design (arXiv:2508.07662). arXiv. https://arxiv.org/abs/2508.07662\n',
    );
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Citation style' }), 'BibTeX');
    await user.click(within(group).getByRole('button', { name: 'Copy citation' }));
    await waitFor(() => expect(within(group).getByRole('status').textContent).toBe('Copied (BibTeX)'));
    const bibtex = await navigator.clipboard.readText();
    expect(bibtex).toMatch(/^@misc\{lovelace2026diffusion,\n {2}title = \{Diffusion models for protein design\},\n {2}author = \{Ada Lovelace and Alan Turing\},/);
  });

  it('shows a readable line when the clipboard refuses', async () => {
    const { user, group } = await showPaper(SAMPLE.protein);
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Citation style' }), 'BibTeX');
    const writeText = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    try {
      await user.click(within(group).getByRole('button', { name: 'Copy citation' }));
    } finally {
      navigator.clipboard.writeText = writeText;
    }
    await waitFor(() =>
      expect(within(group).getByRole('status').textContent).toBe('Could not copy: the browser refused clipboard access (Write permission denied.).'),
    );
  });

  it('adds a CSL style file, names it by its title and copies with it; refuses a file that is no style', async () => {
    const { user, group } = await showPaper(SAMPLE.graphs);
    await user.upload(within(group).getByLabelText('CSL style file'), new File([LAB_STYLE], 'lab.csl', { type: 'application/xml' }));
    await waitFor(() => expect(within(group).getByRole('status').textContent).toBe('Added the style “Lab & Friends”.'));
    const select = within(group).getByRole<HTMLSelectElement>('combobox', { name: 'Citation style' });
    expect(select.selectedOptions[0]?.textContent).toBe('Lab & Friends');
    await user.click(within(group).getByRole('button', { name: 'Copy citation' }));
    await waitFor(() => expect(within(group).getByRole('status').textContent).toBe('Copied (Lab & Friends)'));
    expect(await navigator.clipboard.readText()).toBe('GRAPH NEURAL NETWORKS AT SCALE\n');
    await user.upload(within(group).getByLabelText('CSL style file'), new File(['<html></html>'], 'page.csl', { type: 'application/xml' }));
    await waitFor(() => expect(within(group).getByRole('status').textContent).toMatch(/^Could not add page\.csl: This is not a CSL style file/));
  });

  it('c copies the citation of the shown paper in the style last chosen, and says so', async () => {
    const log = { searches: [] as string[], notices: [] as string[] };
    const user = userEvent.setup();
    render(<DetailHarness bridge={await sampleBridge()} id={SAMPLE.graphs} log={log} />);
    const group = await screen.findByRole('group', { name: 'Citation' });
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Citation style' }), 'Nature');
    // The style list keeps the keys while it has focus; Esc leaves it.
    await user.keyboard('{Escape}c');
    await waitFor(() => expect(log.notices).toEqual(['Copied (Nature)']));
    expect(await navigator.clipboard.readText()).toBe('1. Hopper, G. Graph neural networks at scale. Preprint at https://example.org/graphs (2026).\n');
  });

  it('formats a selection of papers as one numbered list', async () => {
    userEvent.setup();
    const papers = await views([SAMPLE.protein, SAMPLE.graphs]);
    expect(await copyCitations(papers, 'ieee')).toEqual({ ok: true, message: 'Copied 2 citations (IEEE)' });
    const [first, second] = (await navigator.clipboard.readText()).trim().split('\n\n');
    expect(first).toMatch(/^\[1\] A\. Lovelace and A\. Turing, “Diffusion models for protein design,” 2026, arXiv:2508\.07662\.$/);
    expect(second).toMatch(/^\[2\] G\. Hopper, “Graph neural networks at scale,” 2026, \[Online\]\. Available: https:\/\/example\.org\/graphs\.$/);
    expect(await copyCitations([], 'apa')).toEqual({ ok: false, message: 'Select a paper to cite first.' });
  });
});
