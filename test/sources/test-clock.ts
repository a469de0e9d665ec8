/** A virtual clock: `sleep` either advances time at once (auto) or waits for the test to `advance`. */
import { cancelledError, type Clock } from '../../src/sources/clock.ts';

export class TestClock implements Clock {
  time = Date.UTC(2026, 6, 15, 12, 0, 0);
  /** Every requested sleep, in order. */
  readonly sleeps: number[] = [];
  private waiting: { until: number; resolve: () => void }[] = [];

  constructor(private readonly auto = true) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(cancelledError());
    if (this.auto) {
      this.time += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = { until: this.time + ms, resolve };
      this.waiting.push(entry);
      signal?.addEventListener('abort', () => {
        this.waiting = this.waiting.filter((other) => other !== entry);
        reject(cancelledError());
      });
    });
  }

  /** Moves time on and wakes every sleeper that is due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.waiting.filter((entry) => entry.until <= this.time);
    this.waiting = this.waiting.filter((entry) => entry.until > this.time);
    for (const entry of due) entry.resolve();
  }

  get sleeping(): number {
    return this.waiting.length;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
