/**
 * The benchmark runs end to end at a small size and reports every figure (CI proves it works; the
 * numbers come from full-size runs, so nothing here looks at timings).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

const FIGURES = [
  'indexing time',
  'on-disk index size',
  'heap after load (index + papers)',
  'heap after load (index alone)',
  'cold start → query over whole library',
  'query p95',
  'common word ("model", "learning") p95',
  'import 1,000 papers (stock: rebuild)',
  'star/tag/note write p95 at 1,000',
  'star/tag/note write p95 at 300',
  'top-10 agreement',
];

describe('npm run bench', () => {
  it('measures stock Lunr and Papershelf and writes every figure', { timeout: 300_000 }, () => {
    const out = join(tempDir(), 'bench.json');
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/run-bench.ts', '--papers', '300', '--json', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 280_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\| figure \| stock Lunr \| Papershelf \| ratio \| target \| met \|/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      summary: Record<string, { stock: string; ours: string }>;
      oursServe: { pathological: unknown[]; queries: Array<{ top: unknown[] }> };
      stockPathological: unknown[];
    };
    for (const figure of FIGURES) {
      expect(results.summary[figure], figure).toBeDefined();
      expect(results.summary[figure]!.ours, figure).not.toBe('—');
    }
    expect(Object.keys(results.summary).some((figure) => figure.startsWith('cold start → first query'))).toBe(true);
    expect(results.summary['top-10 agreement']!.ours).toBe('1.000');
    expect(results.oursServe.pathological).toHaveLength(5);
    expect(results.stockPathological).toHaveLength(5);
    expect(results.oursServe.queries.filter((q) => q.top.length > 0).length).toBeGreaterThan(10);
  });
});
