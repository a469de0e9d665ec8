/**
 * startWorker (src/search/worker/start-worker.ts) with Worker options: an import's parse needs
 * `resourceLimits`, which must be given when the thread starts. Same rules for finding the entry:
 * the .ts source through the tsx bootstrap when it exists, else its compiled form beside the bundle.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { bundledWorker } from '../../search/worker/start-worker.ts';

export function startLimitedWorker(entry: URL, options: WorkerOptions): Worker {
  if (existsSync(fileURLToPath(entry))) {
    const bootstrap = new URL('../../search/worker/ts-bootstrap.mjs', import.meta.url);
    return new Worker(bootstrap, { ...options, workerData: { entry: entry.href } });
  }
  const built = bundledWorker(entry, import.meta.url);
  if (!built) throw new Error(`the worker ${entry.pathname.split('/').pop()} is missing from this build`);
  return new Worker(built, options);
}
