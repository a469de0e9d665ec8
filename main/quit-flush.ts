/**
 * Quitting never drops the last edit. A closing window is first asked to send what it has not saved
 * yet (a note still inside its autosave delay); quitting then waits for the library's writes in flight.
 * Both waits are bounded, so a hung renderer or disk cannot keep the app from quitting.
 */
import { z } from 'zod';
import { isAppUrl } from './app-origin.ts';
import { IPC_FLUSH } from './ipc-channels.ts';

export const FLUSH_TIMEOUT_MS = 3000;
export const CLOSE_TIMEOUT_MS = 5000;

interface Preventable {
  preventDefault(): void;
}

/** Resolves 'done' when `work` settles, or 'timeout' after `ms`, whichever comes first. */
export function waitAtMost(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    void work.then(
      () => resolve('done'),
      () => resolve('done'),
    ).finally(() => clearTimeout(timer));
  });
}

const flushedId = z.number().int().positive();

/** Flush requests sent to windows, each answered by the preload on IPC_FLUSHED with its id. */
export class RendererFlush {
  private nextId = 1;
  private readonly pending = new Map<number, () => void>();

  constructor(private readonly timeoutMs = FLUSH_TIMEOUT_MS) {}

  /** Asks the page to save what it holds; resolves when it says so, or after the timeout. */
  request(contents: { send(channel: string, payload: unknown): void }): Promise<'done' | 'timeout'> {
    const id = this.nextId++;
    const answered = new Promise<void>((resolve) => this.pending.set(id, resolve));
    contents.send(IPC_FLUSH, id);
    return waitAtMost(answered, this.timeoutMs).finally(() => this.pending.delete(id));
  }

  /** The preload's answer; anything but an id we sent, from one of our pages, is ignored. */
  acknowledge(event: { senderFrame: { url: string } | null }, payload: unknown): boolean {
    const id = flushedId.safeParse(payload);
    if (!isAppUrl(event.senderFrame?.url) || !id.success) return false;
    const resolve = this.pending.get(id.data);
    resolve?.();
    return resolve !== undefined;
  }
}

export interface FlushableWindow {
  on(event: 'close', listener: (event: Preventable) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  webContents: { send(channel: string, payload: unknown): void };
}

/** Holds the window's first close until its page has flushed; `onClosing` runs when it really closes. */
export function flushBeforeClose(window: FlushableWindow, flush: RendererFlush, onClosing: () => void = () => {}): void {
  let state: 'open' | 'flushing' | 'flushed' = 'open';
  window.on('close', (event) => {
    if (state === 'flushed') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    void flush.request(window.webContents).then(() => {
      state = 'flushed';
      if (window.isDestroyed()) return;
      window.close();
      onClosing();
    });
  });
}

export interface QuittingApp {
  on(event: 'will-quit', listener: (event: Preventable) => void): unknown;
  quit(): void;
}

/** Holds `will-quit` until `close()` (the library's pending writes) is done, at most `timeoutMs`. */
export function holdQuitUntilClosed(app: QuittingApp, close: () => Promise<unknown>, timeoutMs = CLOSE_TIMEOUT_MS, warn: (message: string) => void = console.warn): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void waitAtMost(close(), timeoutMs).then((outcome) => {
      if (outcome === 'timeout') warn(`papershelf: quitting before the library finished writing (waited ${timeoutMs} ms)`);
      state = 'closed';
      app.quit();
    });
  });
}
