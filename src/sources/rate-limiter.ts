/**
 * Spaces requests to one service: arXiv's API terms allow at most one request every three seconds.
 * Callers queue in call order and each waits until `intervalMs` after the previous one actually
 * started, so neither concurrent fetches nor late timers can bunch requests up. The limit holds
 * within one process only; two Papershelf processes fetching arXiv at once (the CLI and the window)
 * are not coordinated.
 */
import { cancelledError, systemClock, type Clock } from './clock.ts';

export const ARXIV_INTERVAL_MS = 3000;

export class RateLimiter {
  private lastStart = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Resolves when the caller may send its request; rejects at once if `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      if (signal?.aborted) throw cancelledError();
      const wait = this.lastStart + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      this.lastStart = this.clock.now();
    });
    // A cancelled caller must not hold up the ones queued behind it.
    this.queue = turn.catch(() => undefined);
    if (!signal) return turn;
    return Promise.race([turn, aborted(signal)]);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(cancelledError());
    else signal.addEventListener('abort', () => reject(cancelledError()), { once: true });
  });
}

let arxivLimiter: RateLimiter | undefined;

/** The one arXiv limiter every fetch in this process shares (replaced only if the interval changes). */
export function sharedArxivLimiter(intervalMs = ARXIV_INTERVAL_MS): RateLimiter {
  if (arxivLimiter?.intervalMs !== intervalMs) arxivLimiter = new RateLimiter(intervalMs);
  return arxivLimiter;
}
