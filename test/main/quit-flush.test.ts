import { describe, expect, it } from 'vitest';
import { IPC_FLUSH } from '../../main/ipc-channels.ts';
import { flushBeforeClose, holdQuitUntilClosed, RendererFlush, waitAtMost, type FlushableWindow } from '../../main/quit-flush.ts';

const own = { senderFrame: { url: 'papershelf://app/index.html' } };
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeWindow() {
  const sent: unknown[][] = [];
  const listeners: Array<(event: { preventDefault(): void }) => void> = [];
  const log: string[] = [];
  const window: FlushableWindow = {
    on: (_event, listener) => listeners.push(listener),
    close: () => {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
      log.push(prevented ? 'held' : 'closed');
    },
    isDestroyed: () => log.includes('closed'),
    webContents: { send: (...args: unknown[]) => void sent.push(args) },
  };
  return { window, sent, log };
}

describe('quitting waits for the last edit (main/quit-flush.ts)', () => {
  it('holds a closing window until the page acknowledges the flush it was sent', async () => {
    const flush = new RendererFlush(5_000);
    const { window, sent, log } = fakeWindow();
    const closing: string[] = [];
    flushBeforeClose(window, flush, () => closing.push('closing'));
    window.close();
    window.close();
    expect(log).toEqual(['held', 'held']);
    expect(sent).toEqual([[IPC_FLUSH, 1]]);

    expect(flush.acknowledge({ senderFrame: { url: 'https://attacker.example/' } }, 1)).toBe(false);
    expect(flush.acknowledge(own, 'one')).toBe(false);
    expect(flush.acknowledge(own, 2)).toBe(false);
    await tick(10);
    expect(log).toEqual(['held', 'held']);

    expect(flush.acknowledge(own, 1)).toBe(true);
    await tick();
    expect(log).toEqual(['held', 'held', 'closed']);
    expect(closing).toEqual(['closing']);
  });

  it('closes anyway when the page never answers', async () => {
    const { window, log } = fakeWindow();
    flushBeforeClose(window, new RendererFlush(30));
    window.close();
    await tick(80);
    expect(log).toEqual(['held', 'closed']);
  });

  it('holds will-quit until the library has closed, then quits', async () => {
    const listeners: Array<(event: { preventDefault(): void }) => void> = [];
    const log: string[] = [];
    let finishClose: () => void = () => {};
    holdQuitUntilClosed(
      { on: (_event, listener) => listeners.push(listener), quit: () => void log.push('quit') },
      () => new Promise<void>((resolve) => (finishClose = () => (log.push('closed'), resolve()))),
      5_000,
    );
    const fire = () => {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(fire()).toBe(true);
    expect(fire()).toBe(true);
    await tick(10);
    expect(log).toEqual([]);
    finishClose();
    await tick();
    expect(log).toEqual(['closed', 'quit']);
    expect(fire()).toBe(false);
  });

  it('quits after the bound when closing hangs, and says so', async () => {
    const log: string[] = [];
    let listener: (event: { preventDefault(): void }) => void = () => {};
    holdQuitUntilClosed({ on: (_e, l) => (listener = l), quit: () => void log.push('quit') }, () => new Promise(() => {}), 30, (message) => log.push(message));
    listener({ preventDefault: () => {} });
    await tick(80);
    expect(log).toEqual(['papershelf: quitting before the library finished writing (waited 30 ms)', 'quit']);
  });

  it('waitAtMost settles with the work or the timeout, whichever comes first', async () => {
    expect(await waitAtMost(Promise.resolve(), 1_000)).toBe('done');
    expect(await waitAtMost(Promise.reject(new Error('x')), 1_000)).toBe('done');
    expect(await waitAtMost(new Promise(() => {}), 10)).toBe('timeout');
  });
});
