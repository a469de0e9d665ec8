// @vitest-environment node
import './dom-with-core.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../pdfs/make-pdf.ts';
import type { CoreBridge } from './core-bridge.ts';
import { coreBridge, idOf, type SeedPaper } from './core-seed.ts';
import { renderApp, selectPaper } from './render-app.tsx';

const KEPT: SeedPaper = { title: 'Lattice models of reading', arxivId: '2606.11111' };
const FETCHABLE: SeedPaper = { title: 'Papers worth downloading', arxivId: '2606.22222' };
const LINKLESS: SeedPaper = { title: 'A paper known only by its title', sources: ['bibtex'] };

const stamped = (arxivId: string) => makePdf({ title: 'x', stamp: `arXiv:${arxivId}v1 [cs.CL] 1 Jan 2026`, pages: [['Some text.'], ['More text.']] });

/** A library of three papers; the first keeps its PDF (attached through the core, as `pdf import` does). */
async function library(): Promise<CoreBridge> {
  const bridge = await coreBridge([KEPT, FETCHABLE, LINKLESS]);
  const attached = await bridge.core('importPdfs', { files: [{ name: 'kept.pdf', bytesBase64: stamped('2606.11111').toString('base64') }] });
  expect(attached.files[0]).toMatchObject({ outcome: 'matched', id: idOf(KEPT) });
  return bridge;
}

const details = () => screen.getByRole('region', { name: 'Paper details' });

function dropFiles(files: File[]): Event {
  const drop = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files } });
  act(() => {
    window.dispatchEvent(drop);
  });
  return drop;
}

describe('PDFs in the window', { timeout: 180_000 }, () => {
  it('a kept PDF is offered as Read PDF; p opens the reader, whose keys page it instead of the list, and Esc closes it', async () => {
    const bridge = await library();
    const { user } = await renderApp(bridge);
    await selectPaper(user, KEPT.title);
    const read = await within(details()).findByRole('button', { name: 'Read PDF' });
    expect(read.parentElement?.textContent).toContain('kept offline');
    expect(bridge.callsOf('pdfInfo')).toContainEqual({ id: idOf(KEPT) });

    // The window saves its selection a moment after it changes: wait for it, so only `j` could move it.
    await waitFor(async () => expect((await bridge.ui()).selectedId).toBe(idOf(KEPT)), { timeout: 10_000 });
    await user.keyboard('p');
    const reader = await screen.findByRole('region', { name: 'PDF reader' });
    expect(within(reader).getByRole('heading', { level: 2 }).textContent).toBe(KEPT.title);
    await user.keyboard('j');
    await bridge.quiet();
    expect((await bridge.ui()).selectedId).toBe(idOf(KEPT));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'PDF reader' })).toBeNull();
    await user.click(within(details()).getByRole('button', { name: 'Read PDF' }));
    await screen.findByRole('region', { name: 'PDF reader' });
    await user.click(screen.getByRole('button', { name: 'Close reader' }));
    expect(screen.queryByRole('region', { name: 'PDF reader' })).toBeNull();
  });

  it('a paper without its PDF offers Download PDF; offline, the download says why it failed', async () => {
    const bridge = await library();
    const { user } = await renderApp(bridge);
    await selectPaper(user, FETCHABLE.title);
    await user.click(await within(details()).findByRole('button', { name: 'Download PDF' }));
    expect(bridge.callsOf('fetchPdfs')).toEqual([{ ids: [idOf(FETCHABLE)] }]);
    const problem = await within(details()).findByRole('alert', {}, { timeout: 20_000 });
    expect(problem.textContent?.trim()).not.toBe('');
    expect(within(details()).queryByRole('button', { name: 'Read PDF' })).toBeNull();
    expect(within(details()).getByRole('button', { name: 'Download PDF' })).toBeTruthy();
  });

  it('a paper with no arXiv id or PDF link says there is nothing to download', async () => {
    const bridge = await library();
    const { user } = await renderApp(bridge);
    await selectPaper(user, LINKLESS.title);
    await waitFor(() => expect(details().textContent).toContain('No PDF: this paper has no arXiv id or PDF link'));
    expect(within(details()).queryByRole('button', { name: /PDF/ })).toBeNull();
  });

  it('PDFs dropped on the window are attached, each outcome listed; another file dropped with them is imported', async () => {
    const bridge = await library();
    const { user } = await renderApp(bridge);
    const drop = dropFiles([
      new File([new Uint8Array(stamped('2606.22222'))], 'fetchable.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(makePdf({ title: 'y', pages: [['Nothing names a paper here.']] }))], 'stranger.PDF'),
      new File(['@misc{dropped, title = {Dropped with the PDFs}}'], 'more.bib'),
    ]);
    expect(drop.defaultPrevented).toBe(true);
    const results = await screen.findByRole('dialog', { name: 'Dropped PDFs' });
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('2 PDFs done.'), { timeout: 90_000 });
    const items = within(within(results).getByRole('list', { name: 'Dropped PDFs' })).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.outcome)).toEqual(['matched', 'unmatched']);
    expect(items[0]?.textContent).toContain(`Matched by its arXiv stamp: kept for ${idOf(FETCHABLE)}`);
    expect(items[1]?.textContent).toContain('stranger.PDF');
    expect(items[1]?.textContent).toContain('Not matched');
    expect(bridge.callsOf('importPdfs').map((call) => call.files.map((file) => file.name))).toEqual([['fetchable.pdf'], ['stranger.PDF']]);
    expect((await bridge.core('pdfInfo', { id: idOf(FETCHABLE) })).kept).toBe(true);
    // The .bib went to the importer as before.
    await waitFor(async () => expect((await bridge.core('stats', {})).papers).toBe(4), { timeout: 10_000 });

    await user.click(within(results).getByRole('button', { name: 'Show' }));
    await screen.findByRole('heading', { level: 2, name: FETCHABLE.title });
    expect(await within(details()).findByRole('button', { name: 'Read PDF' })).toBeTruthy();
  });
});
