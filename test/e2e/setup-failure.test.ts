import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';

/** Runs one end-to-end test file in its own vitest, as `npm test` would, with Chromium "missing". */
function runWithoutChromium(file: string) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', file, '--reporter', 'default'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('end-to-end set-up failures', () => {
  it('fail the run with one clear line, never as skipped tests', { timeout: 150_000 }, () => {
    const { status, output } = runWithoutChromium('test/e2e/flows.test.ts');
    expect(status).not.toBe(0);
    expect(output).toContain('end-to-end set-up: no Chromium at /nonexistent/chromium — install it (apt-get install -y chromium) or set CHROMIUM_PATH');
    expect(output).toMatch(/Test Files\s+1 failed/);
    expect(output).not.toMatch(/skipped/);
  });
});
