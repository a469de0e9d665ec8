import { describe, expect, it } from 'vitest';
import { ARXIV_INTERVAL_MS, RateLimiter } from '../../src/sources/rate-limiter.ts';
import { settle, TestClock } from './test-clock.ts';

describe('RateLimiter', () => {
  it('spaces consecutive requests three seconds apart by default', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(ARXIV_INTERVAL_MS, clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts.map((t) => t - (starts[0] ?? 0))).toEqual([0, 3000, 6000, 9000]);
  });

  it('does not wait when the previous request is long past', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(3000, clock);
    await limiter.acquire();
    clock.time += 10_000;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('counts from when the previous request started, not from when it was queued', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(3000, clock);
    await limiter.acquire();
    clock.time += 1000;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([2000]);
  });

  it('queues concurrent callers in order, each a full interval after the one before', async () => {
    const clock = new TestClock(false);
    const limiter = new RateLimiter(5000, clock);
    const started: string[] = [];
    const calls = ['a', 'b', 'c'].map((name) => limiter.acquire().then(() => started.push(`${name}@${clock.now()}`)));
    await settle();
    expect(started).toEqual([`a@${clock.time}`]);
    const t0 = clock.time;
    clock.advance(4999);
    await settle();
    expect(started).toHaveLength(1);
    clock.advance(1);
    await settle();
    clock.advance(5000);
    await Promise.all(calls);
    expect(started).toEqual([`a@${t0}`, `b@${t0 + 5000}`, `c@${t0 + 10_000}`]);
  });

  it('lets a waiting caller cancel at once, without using up the slot of the next one', async () => {
    const clock = new TestClock(false);
    const limiter = new RateLimiter(3000, clock);
    await limiter.acquire();
    const t0 = clock.now();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    let nextStarted: number | null = null;
    const next = limiter.acquire().then(() => (nextStarted = clock.now()));
    await settle();
    expect(clock.sleeping).toBe(1);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    await settle();
    expect(nextStarted).toBeNull();
    clock.advance(3000);
    await next;
    expect(nextStarted).toBe(t0 + 3000);
  });
});
