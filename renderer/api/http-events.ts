/**
 * Change events in browser mode: one EventSource per page, opened on the first subscriber and closed
 * with the last. EventSource reconnects by itself; events sent while it was away are lost, so the
 * first reconnection is reported as a change of everything and the window refetches what it shows.
 */
import type { ChangeEvent } from './types.ts';

type Listener = (event: ChangeEvent) => void;
export type EventSourceFactory = (url: string) => EventSource;

// A record, so adding a change kind to the contract fails the type-check until the window accepts it.
const KIND_NAMES: Record<ChangeEvent['kind'], true> = { papers: true, annotations: true, tags: true, fetch: true, follows: true, pdfs: true };
const KINDS = new Set(Object.keys(KIND_NAMES));

export function parseChangeEvent(data: unknown): ChangeEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { kind, ids, at, job } = value as Record<string, unknown>;
  if (!KINDS.has(kind as ChangeEvent['kind'])) return null;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return null;
  const event: ChangeEvent = { kind: kind as ChangeEvent['kind'], ids, at: typeof at === 'string' ? at : new Date().toISOString() };
  if (typeof job === 'object' && job !== null) event.job = job as NonNullable<ChangeEvent['job']>;
  return event;
}

export function createChangeStream(url: string, open: EventSourceFactory): (listener: Listener) => () => void {
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;
  let lost = false;

  const deliver = (event: ChangeEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const onMessage = (message: MessageEvent) => {
    const event = parseChangeEvent(message.data);
    if (event) deliver(event);
  };

  const start = () => {
    source = open(url);
    source.addEventListener('message', onMessage);
    source.addEventListener('change', onMessage as EventListener);
    source.addEventListener('error', () => {
      lost = true;
    });
    source.addEventListener('open', () => {
      if (!lost) return;
      lost = false;
      deliver({ kind: 'papers', ids: [], at: new Date().toISOString() });
    });
  };

  return (listener) => {
    listeners.add(listener);
    if (!source) start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
        lost = false;
      }
    };
  };
}
