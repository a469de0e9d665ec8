/**
 * Starts a worker thread on one of Papershelf's worker entries. From source (tests, `tsx`) the entry
 * is a .ts file and goes through a small bootstrap that registers the TypeScript loader. In the
 * bundled Electron build the .ts file is absent and `main/build.mjs` has put a compiled `.cjs` with
 * the same name beside the bundle, which starts directly.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  if (existsSync(fileURLToPath(entry))) {
    return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), { workerData: { entry: entry.href } });
  }
  return new Worker(new URL(entry.href.replace(/\.ts$/, '.cjs')));
}
