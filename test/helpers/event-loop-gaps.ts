/**
 * Watches the event loop while some work runs: a 10 ms timer notes the longest gap between its
 * ticks, which is how long the loop was blocked (plus timer jitter on a loaded machine).
 */
export interface EventLoopWatch {
  /** Longest gap between ticks so far, in ms. */
  maxGapMs(): number;
  stop(): void;
}

export function watchEventLoop(intervalMs = 10): EventLoopWatch {
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, intervalMs);
  return { maxGapMs: () => maxGap, stop: () => clearInterval(ticker) };
}
