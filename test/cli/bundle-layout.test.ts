import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bundledWorker } from '../../src/search/worker/start-worker.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { CLI_BIN } from './run-cli.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every `new URL('./x.ts', import.meta.url)` in src/: the worker entries code starts. */
function startedWorkers(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(REPO_ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/new URL\('(\.{1,2}\/[^']+\.ts)', import\.meta\.url\)/g)) {
      found.push(relative(REPO_ROOT, join(dirname(file), match[1]!)));
    }
  }
  return found;
}

describe('the CLI bundle', () => {
  it('lists every worker entry the code starts in build.mjs, with a name of its own', () => {
    const build = readFileSync(join(REPO_ROOT, 'build.mjs'), 'utf8');
    const workers = startedWorkers();
    expect(workers.length).toBeGreaterThanOrEqual(2);
    for (const entry of workers) expect(build, `${entry} is started as a worker but build.mjs does not bundle it (WORKER_ENTRIES)`).toContain(`'${entry}'`);
    const names = workers.map((entry) => entry.split('/').pop());
    expect(new Set(names).size).toBe(names.length);
  });

  it('has each worker beside the command, startable without TypeScript, and loads no tsx', async () => {
    const dir = dirname(CLI_BIN);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.mjs'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/tsx\/esm|from ['"]tsx['"]/);
    }
    expect(readFileSync(CLI_BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const entry of startedWorkers()) {
      const built = bundledWorker(pathToFileURL(join(REPO_ROOT, entry)), pathToFileURL(CLI_BIN).href);
      expect(built, entry).not.toBeNull();
      const worker = new Worker(built!);
      await new Promise<void>((resolve, reject) => {
        worker.once('online', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
    }
  });
});
