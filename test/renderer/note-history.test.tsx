// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

function historyEntries(history: HTMLElement): string[] {
  return [...history.querySelectorAll('.note-version-line')].map((line) => line.textContent ?? '');
}

describe('note history', () => {
  it('lists earlier versions newest first, previews one and restores it, keeping unsaved edits as a version', async () => {
    const bridge = await sampleBridge();
    await bridge.core('setNote', { id: SAMPLE.graphs, text: 'First draft\n\nwith a **second** paragraph' });
    await bridge.core('setNote', { id: SAMPLE.graphs, text: 'Second draft' });
    const { user } = await renderApp(bridge);
    await selectPaper(user, /Graph neural networks/);
    const note = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });
    const toggle = screen.getByRole('button', { name: 'History' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const history = await screen.findByRole('region', { name: 'Note history' });
    await waitFor(() => expect(historyEntries(history)).toEqual(['First draft']));
    const preview = within(history).getByRole('region', { name: /^Version of / });
    expect(within(preview).getByText('second').tagName).toBe('STRONG');

    // An edit not yet saved is sent first, so restoring never loses it.
    await user.type(note, ', edited');
    await user.click(within(history).getByRole('button', { name: 'Restore this version' }));
    await waitFor(() => expect(note.value).toBe('First draft\n\nwith a **second** paragraph'));
    expect((await bridge.paper(SAMPLE.graphs)).note).toBe('First draft\n\nwith a **second** paragraph');
    expect(bridge.callsOf('restoreNote')).toEqual([{ id: SAMPLE.graphs, version: 1 }]);
    const names = bridge.calls.map((call) => call.name).filter((name) => name === 'setNote' || name === 'restoreNote');
    expect(names.slice(-2)).toEqual(['setNote', 'restoreNote']);
    await waitFor(() => expect(historyEntries(history)).toEqual(['Second draft, edited', 'Second draft', 'First draft']));
    expect(within(history).getByRole('status').textContent).toMatch(/^Restored the version from /);
  });

  it('says when a note has no earlier versions', async () => {
    const { user } = await renderApp(await sampleBridge());
    await selectPaper(user, /Robust vision transformers/);
    await user.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('region', { name: 'Note history' });
    expect(await within(history).findByText(/No earlier versions of this note yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'History' }));
    expect(screen.queryByRole('region', { name: 'Note history' })).toBeNull();
  });
});
