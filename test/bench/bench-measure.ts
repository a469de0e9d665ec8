/** Measuring helpers shared by the benchmark's phases (each phase runs in its own child process). */
import { readFileSync } from 'node:fs';
import type { StoredPaper } from '../../src/model/paper.ts';

export const MB = 1024 * 1024;

/** Heap and off-heap bytes after a full collection (needs node --expose-gc). */
export function memoryAfterGc(): { heapMB: number; externalMB: number; rssMB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) for (let i = 0; i < 3; i++) gc();
  const usage = process.memoryUsage();
  return { heapMB: usage.heapUsed / MB, externalMB: (usage.external + usage.arrayBuffers) / MB, rssMB: usage.rss / MB };
}

/** The most memory the process has held so far. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(values: readonly number[]): { p50: number; p95: number; max: number } {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(0, ...values) };
}

export function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

export function readPapers(path: string): StoredPaper[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as StoredPaper);
}

/** One query's outcome: timings of each run, and the top ten (id and score) or the refusal. */
export interface QueryOutcome {
  query: string;
  kind: string;
  times: number[];
  total: number;
  top: Array<{ id: string; score: number }>;
  error?: string;
}

export const QUERY_RUNS = 5;

export function runQueries(
  queries: ReadonlyArray<{ kind: string; query: string }>,
  search: (query: string) => { total: number; top: Array<{ id: string; score: number }> },
  runs = QUERY_RUNS,
): QueryOutcome[] {
  return queries.map(({ kind, query }) => {
    const outcome: QueryOutcome = { query, kind, times: [], total: 0, top: [] };
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      try {
        const result = search(query);
        outcome.total = result.total;
        outcome.top = result.top;
      } catch (error) {
        outcome.error = (error as Error).message;
      }
      outcome.times.push(performance.now() - start);
    }
    return outcome;
  });
}
