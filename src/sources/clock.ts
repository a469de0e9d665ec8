/**
 * Time as the network layer sees it. Injected everywhere a delay is decided (rate limit, backoff,
 * Retry-After) so tests run on a virtual clock instead of sleeping.
 */
import { PapershelfError } from '../model/errors.ts';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with a `cancelled` error as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function cancelledError(): PapershelfError {
  return new PapershelfError('cancelled', 'cancelled: the fetch was stopped — your library is unchanged');
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(cancelledError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
