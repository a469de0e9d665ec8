/**
 * vitest globalSetup: builds the CLI bundle once, as `npm install` does, so tests that run the
 * command in a child process run what users run. It builds into a folder of its own for this run
 * (beside build/cli, so the bundle finds build/renderer and package.json where it would), which
 * keeps test runs from replacing a bundle another run or a user is using.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export default function setup(): () => void {
  const outdir = join('build', `cli-test-${process.pid}-${randomBytes(3).toString('hex')}`);
  const built = spawnSync(process.execPath, [join(ROOT, 'build.mjs'), 'cli', '--quiet', '--cli-outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    const first = `${built.stderr}${built.stdout}`.split('\n').find((line) => line.trim() !== '') ?? `exit code ${built.status}`;
    throw new Error(`the CLI bundle does not build (node build.mjs cli): ${first.trim()}`);
  }
  process.env.PAPERSHELF_TEST_CLI = join(ROOT, outdir, 'papershelf.mjs');
  return () => rmSync(join(ROOT, outdir), { recursive: true, force: true });
}
