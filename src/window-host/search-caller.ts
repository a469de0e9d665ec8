/**
 * Who is searching: a window of the desktop app, or a browser tab of `papershelf serve`. The doors
 * run each call inside `asCaller`, and the library host reads it to drop a search that the same
 * caller's newer search has replaced. Carried in async context, so the doors' layers in between
 * (call tracking for a clean shutdown, input validation) need not pass it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface SearchCaller {
  /** One search box: its searches replace each other. */
  channel: string;
  /**
   * The caller's own count of its searches (the same for the pages of one search). Without it
   * nothing is replaced: only the caller knows which of its searches is the newest.
   */
  sequence?: number | undefined;
}

const current = new AsyncLocalStorage<SearchCaller>();

export function asCaller<T>(caller: SearchCaller | null, run: () => T): T {
  return caller ? current.run(caller, run) : run();
}

export function currentCaller(): SearchCaller | undefined {
  return current.getStore();
}

/** HTTP: the tab names itself in headers (`X-Papershelf-Tab`, `X-Papershelf-Seq`). */
export function callerFromHeaders(tab: string | undefined, sequence: string | undefined): SearchCaller | null {
  if (tab === undefined || !/^[\w-]{1,64}$/.test(tab)) return null;
  const number = sequence !== undefined && /^\d{1,15}$/.test(sequence) ? Number(sequence) : undefined;
  return { channel: `tab:${tab}`, sequence: number };
}
