/**
 * Spaces requests to one service: arXiv's API terms allow at most one request every three seconds.
 * Callers queue in call order and each waits until `intervalMs` after the previous one actually
 * started, so neither concurrent fetches nor late timers can bunch requests up. Given a data folder's
 * pacing file, a turn also waits for the other processes using that folder (see pacing-file.ts).
 */
import { resolve } from 'node:path';
import { cancelledError, systemClock, type Clock } from './clock.ts';
import { PacingFile, type Claim } from './pacing-file.ts';

export const ARXIV_INTERVAL_MS = 3000;

/** A request's turn; a request that never reached the server (no network) gives it back. */
export interface Slot {
  unused(): Promise<void>;
}

/** What HttpClient waits on before each request. */
export interface Pacer {
  acquire(signal?: AbortSignal): Promise<Slot>;
}

export class RateLimiter implements Pacer {
  private lastStart = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Resolves when the caller may send its request (by this process's spacing and, when given, by the
   * processes sharing `shared`); rejects at once if `signal` aborts.
   */
  acquire(signal?: AbortSignal, shared?: PacingFile): Promise<Slot> {
    const turn = this.queue.then(async (): Promise<Slot> => {
      let claim: Claim | undefined;
      for (;;) {
        if (signal?.aborted) throw cancelledError();
        let wait = this.lastStart + this.intervalMs - this.clock.now();
        if (wait <= 0 && shared) ({ wait, claim } = await shared.claim(this.intervalMs, signal));
        if (wait <= 0) break;
        await this.clock.sleep(wait, signal);
      }
      const previous = this.lastStart;
      const at = this.clock.now();
      this.lastStart = at;
      return {
        unused: async () => {
          if (this.lastStart === at) this.lastStart = previous;
          if (claim) await shared?.unclaim(claim);
        },
      };
    });
    // A cancelled caller must not hold up the ones queued behind it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
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
const pacingFiles = new Map<string, PacingFile>();

/**
 * The one arXiv limiter every fetch in this process shares (replaced only if the interval changes),
 * paced with the other processes using `dataDir` when one is given.
 */
export function sharedArxivLimiter(intervalMs = ARXIV_INTERVAL_MS, dataDir?: string): Pacer {
  if (arxivLimiter?.intervalMs !== intervalMs) arxivLimiter = new RateLimiter(intervalMs);
  const limiter = arxivLimiter;
  if (dataDir === undefined) return limiter;
  const key = resolve(dataDir);
  let file = pacingFiles.get(key);
  if (!file) {
    file = new PacingFile(key);
    pacingFiles.set(key, file);
  }
  const shared = file;
  return { acquire: (signal) => limiter.acquire(signal, shared) };
}
