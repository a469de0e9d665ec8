// @vitest-environment node
import './dom-with-core.ts';
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

type QuitListener = () => unknown;

/** The desktop preload's onQuitRequest, as main/preload-bridge.ts puts it on window.papershelf. */
async function desktopQuitRequests() {
  const listeners = new Set<QuitListener>();
  const bridge = await sampleBridge();
  window.papershelf = Object.assign(bridge, {
    onQuitRequest: (listener: QuitListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  });
  return { bridge, listeners, quit: () => Promise.all([...listeners].map(async (listener) => listener())) };
}

afterEach(() => {
  delete window.papershelf;
});

describe('note editor when the desktop app quits', () => {
  it('sends a note still inside its autosave delay, and answers only once the core has it', async () => {
    const { bridge, listeners, quit } = await desktopQuitRequests();
    const { user } = await renderApp(bridge);
    await selectPaper(user, /Graph neural networks/);
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'last words');
    expect(bridge.callsOf('setNote')).toEqual([]);
    expect(listeners.size).toBe(1);

    const release = bridge.hold('setNote');
    let answered = false;
    const answering = quit().then(() => (answered = true));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(bridge.callsOf('setNote')).toEqual([{ id: SAMPLE.graphs, text: 'last words' }]);
    expect(answered).toBe(false);
    release();
    await act(async () => {
      await answering;
    });
    expect((await bridge.paper(SAMPLE.graphs)).note).toBe('last words');
  });

  it('answers at once when nothing is unsaved, and stops listening when the editor goes away', async () => {
    const { bridge, listeners, quit } = await desktopQuitRequests();
    const { user, unmount } = await renderApp(bridge);
    await selectPaper(user, /Graph neural networks/);
    await act(async () => {
      await quit();
    });
    expect(bridge.callsOf('setNote')).toEqual([]);
    unmount();
    expect(listeners.size).toBe(0);
  });
});
