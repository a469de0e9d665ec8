import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bundledWorker } from '../../src/search/worker/start-worker.ts';
import { fixturePath, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';
import { CLI_BIN, cliProcess } from './run-cli.ts';

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

  it('loads the citation processor only to format references: a star does not', () => {
    const dir = tempDir();
    expect(cliProcess(dir, ['import', fixturePath('arxiv-2508.07662.bib')]).code).toBe(0);
    const log = join(tempDir(), 'loaded.txt');
    const hooks = join(tempDir(), 'hooks.mjs');
    writeFileSync(log, '');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
    );
    const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(hooks).href)})`;
    const run = (args: string[]) => {
      writeFileSync(log, '');
      const child = spawnSync(process.execPath, ['--import', register, CLI_BIN, '--data-dir', dir, ...args], { encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      const files = readFileSync(log, 'utf8').split('\n').filter((url) => url.startsWith(pathToFileURL(dirname(CLI_BIN)).href));
      expect(files.length).toBeGreaterThan(0);
      return files.some((url) => readFileSync(new URL(url), 'utf8').includes('makeBibliography'));
    };
    expect(run(['star', '2508.07662'])).toBe(false);
    expect(run(['export', '--format', 'bibliography'])).toBe(true);
  });
});
