/**
 * Starts a worker thread on one of Papershelf's worker entries. From source (tests, `tsx`) the entry
 * is a .ts file and goes through a small bootstrap that registers the TypeScript loader; a bundled
 * build passes its compiled .js entry and starts it directly.
 */
import { Worker } from 'node:worker_threads';

export function startWorker(entry: URL): Worker {
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), { workerData: { entry: entry.href } });
  }
  return new Worker(entry);
}
