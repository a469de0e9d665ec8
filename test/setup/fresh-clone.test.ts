/**
 * What a newcomer does: clone the repository, run README's set-up command, then README's run
 * commands and `papershelf serve`, exactly as README writes them. Slow (a full npm install and build):
 * bounded to 10 minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { failure, LOOPBACK_SOURCES, newcomerEnv, readmeCommands, sh, startCommand } from './readme-commands.ts';

const TEN_MINUTES = 600_000;
const scratch = mkdtempSync(join(tmpdir(), 'papershelf-clone-'));
const clone = join(scratch, 'papershelf');
const dataDir = join(scratch, 'library');

beforeAll(() => {
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], { encoding: 'utf8' });
  expect(cloned.status, cloned.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a fresh clone, set up as README says', () => {
  it("README's set-up command builds the window, the main process and the CLI", { timeout: TEN_MINUTES }, () => {
    const commands = readmeCommands('Set up');
    expect(commands.slice(0, 2)).toEqual(['git clone <this repository> papershelf', 'cd papershelf']);
    expect(commands.length).toBeGreaterThan(2);
    for (const command of commands.slice(2)) {
      const run = sh(command, clone, newcomerEnv(), TEN_MINUTES - 60_000);
      expect(run.status, failure(command, run)).toBe(0);
    }
    for (const built of ['build/renderer/index.html', 'build/cli/papershelf.mjs', 'build/main/main.cjs', 'build/main/preload.cjs']) {
      expect(existsSync(join(clone, built)), `${built} after set-up`).toBe(true);
    }
  });

  it("README's run commands work right after, on the sample shipped in the repository", { timeout: 120_000 }, () => {
    const env = newcomerEnv({ PAPERSHELF_DATA_DIR: dataDir, ...LOOPBACK_SOURCES });
    const outputs = readmeCommands('Run it').map((command) => {
      const run = sh(command, clone, env, 60_000);
      expect(run.status, failure(command, run)).toBe(0);
      return run.stdout;
    });
    expect(outputs[0]).toMatch(/59 added/);
    // The starred paper is what the last command lists.
    expect(outputs.at(-1)).toMatch(/Effective Reward Specification in Deep Reinforcement Learning/);
  });

  it('`papershelf serve` as README shows it answers / with the built window', { timeout: 120_000 }, async () => {
    const [command] = readmeCommands('The window');
    expect(command).toBe('npx papershelf serve');
    const served = await startCommand(command ?? '', clone, newcomerEnv({ PAPERSHELF_DATA_DIR: dataDir, ...LOOPBACK_SOURCES }), 60_000);
    try {
      const url = new URL(served.firstLine);
      expect(url.hostname).toBe('127.0.0.1');
      const page = await fetch(url);
      const html = await page.text();
      expect(page.status, html.slice(0, 300)).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const script = /<script[^>]+src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html.slice(0, 500)).toBeDefined();
      const asset = await fetch(new URL(script ?? '', url));
      expect(asset.status).toBe(200);
      const sample = await fetch(new URL('samples/hf-papers-page.txt', url));
      expect(sample.status).toBe(200);
    } finally {
      served.stop();
    }
  });
});
