/** A data folder filled from ../shared/fixtures with the real CLI, and `papershelf serve` on it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_DIR, fixturePath, REPO_ROOT } from '../helpers/fixtures.ts';
import { BIN, startServe, type ServeProcess } from '../server/serve-process.ts';

export const RENDERER_INDEX = join(REPO_ROOT, 'build', 'renderer', 'index.html');

/** The window must be built; a stale or missing build is the caller's to fix, loudly. */
export function requireBuiltWindow(): void {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(`The window is not built (${RENDERER_INDEX} is missing): run \`npm run build\` before the end-to-end tests.`);
  }
}

/** Every recorded fixture (SOURCES.md describes them); hf-papers-page needs no flag. */
export function allFixtures(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name !== 'SOURCES.md')
    .sort();
}

export function importFixtures(dataDir: string, names: string[] = allFixtures()): void {
  for (const name of names) {
    const run = spawnSync(process.execPath, [BIN, 'import', fixturePath(name), '--data-dir', dataDir], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`papershelf import ${name} failed (${run.status}): ${run.stderr}`);
  }
}

/** A folder that outlives one test (tempDir() is removed after each one); remove it with removeFolder. */
export function libraryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'papershelf-e2e-'));
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function cliRun(dataDir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Serves a library and waits until its older segments are loaded too: the server answers from the
 * newest segment first, and these tests look for papers anywhere in the library.
 */
export async function serveLibrary(dataDir: string): Promise<ServeProcess> {
  requireBuiltWindow();
  const serve = await startServe(dataDir);
  const deadline = Date.now() + 30_000;
  while ((await api<{ loading: unknown }>(serve, 'stats', {})).loading !== null) {
    if (Date.now() > deadline) throw new Error('the served library did not finish loading within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return serve;
}

/** Calls the contract over HTTP the way the window does (used to check what reached the disk). */
export async function api<T = unknown>(serve: ServeProcess, op: string, input: unknown): Promise<T> {
  const response = await fetch(`${serve.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${op} failed: ${result.error?.message}`);
  return result.value as T;
}
