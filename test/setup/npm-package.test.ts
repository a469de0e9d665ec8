/**
 * The npm package as a user gets it: `npm pack` of this checkout's built output, installed with
 * `npm install -g` into a temporary prefix, run from a folder outside the repository. It has no
 * runtime dependencies, so nothing is fetched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { failure, LOOPBACK_SOURCES, newcomerEnv } from './readme-commands.ts';

const scratch = mkdtempSync(join(tmpdir(), 'papershelf-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env = newcomerEnv(LOOPBACK_SOURCES)) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  expect(result.status, failure(`${command} ${args.join(' ')}`, result)).toBe(0);
  return result.stdout;
}

describe('npm package (npm pack, npm install -g)', () => {
  it('installs into an empty prefix and gives a working papershelf command', { timeout: 600_000 }, () => {
    for (const built of ['build/cli/papershelf.mjs', 'build/renderer/index.html']) {
      expect(existsSync(join(REPO_ROOT, built)), `${built}: run npm run build first`).toBe(true);
    }
    // The checkout is already built; packing must not rebuild under the other tests' feet.
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], REPO_ROOT);
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const prefix = join(scratch, 'prefix');
    run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(scratch, tarball ?? '')], scratch);
    const installed = join(prefix, 'lib', 'node_modules', 'papershelf');
    expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'assets', 'build', 'package.json']);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);

    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    const papershelf = join(prefix, 'bin', 'papershelf');
    expect(run(papershelf, ['--help'], elsewhere)).toMatch(/Usage: papershelf/);

    const dataDir = join(scratch, 'library');
    run(papershelf, ['--data-dir', dataDir, 'import', join(installed, 'assets', 'samples', 'hf-papers-page.txt')], elsewhere);
    expect(JSON.parse(run(papershelf, ['stats', '--json', '--data-dir', dataDir], elsewhere))).toMatchObject({ papers: 59 });
    // Search runs in worker threads: their bundles must be in the package too.
    expect(JSON.parse(run(papershelf, ['search', 'reward model', '--json', '--data-dir', dataDir], elsewhere)).total).toBeGreaterThan(0);
  });
});
