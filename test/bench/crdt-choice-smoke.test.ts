/**
 * `npm run bench:crdt` runs end to end at a small size and reports every figure for both engines and
 * every device count (the numbers come from full-size runs; nothing here looks at timings).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

describe('npm run bench:crdt', () => {
  it('measures both engines and the sync folder with 1 and 3 devices', { timeout: 240_000 }, () => {
    const out = join(tempDir(), 'crdt.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/crdt-choice.ts', '--papers', '30', '--devices', '1,3', '--json', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 220_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, number | null>> & {
      layouts: Record<string, Record<string, number | null>>;
    };
    for (const engine of ['automerge', 'yjs']) {
      for (const figure of ['buildMs', 'saveMs', 'sizeMB', 'loadMs', 'heapAfterLoadMB', 'editsMs', 'incrementalKB', 'mergeMs']) {
        expect(report[engine]?.[figure], `${engine} ${figure}`).toBeGreaterThan(0);
      }
    }
    for (const devices of ['1', '3']) {
      const layout = report.layouts[devices];
      expect(layout?.papers).toBe(30);
      expect(layout?.notes).toBe(30);
      for (const figure of ['folderMB', 'openMs', 'heapMB', 'rssMB']) expect(layout?.[figure], `${devices} ${figure}`).toBeGreaterThan(0);
    }
    expect(report.layouts['3']?.editMsPerChange).toBeGreaterThan(0);
  });
});
