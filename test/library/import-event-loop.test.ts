import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { manyPapersJson } from '../importers/many-papers.ts';

describe('importing into a long-running library (server, desktop)', () => {
  it('keeps the event loop answering: 10,000 papers, a stats call meanwhile, no block over 100 ms', async () => {
    const library = await Library.open(tempDir(), { longRunning: true });
    try {
      await library.importText({ text: readFixture('arxiv-query-testing.xml') });
      const before = library.stats().papers;
      const text = manyPapersJson(10_000);

      const delay = monitorEventLoopDelay({ resolution: 10 });
      let last = performance.now();
      let maxGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }, 10);
      delay.enable();
      let statsCalls = 0;
      let importing = true;
      const statsLoop = (async () => {
        while (importing) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          expect(library.stats().papers).toBeGreaterThanOrEqual(before);
          statsCalls += 1;
        }
      })();
      try {
        const summary = await library.importText({ text });
        expect(summary).toMatchObject({ added: 10_000 });
      } finally {
        importing = false;
        await statsLoop;
        clearInterval(ticker);
        delay.disable();
      }
      const maxDelayMs = delay.max / 1e6;
      console.log(`10,000-paper import: longest event-loop block ${maxGap.toFixed(0)} ms (timer), ${maxDelayMs.toFixed(0)} ms (monitorEventLoopDelay); ${statsCalls} stats calls answered meanwhile`);
      expect(statsCalls).toBeGreaterThan(0);
      expect(library.stats().papers).toBe(before + 10_000);
      expect(maxGap).toBeLessThan(100);
    } finally {
      await library.close();
    }
  }, 120_000);
});
