/**
 * Runs a full-text index update in a worker thread (fulltext-update-thread.ts) and shares it: asked
 * again while one runs for the same folder, the caller waits for that run, and one more run follows
 * it (a PDF may have arrived after the running one listed the folder).
 */
import { resolve } from 'node:path';
import { RpcClient } from '../worker/rpc.ts';
import { startWorker } from '../worker/start-worker.ts';
import type { FulltextUpdateSummary } from './fulltext-update.ts';

export type { FulltextUpdateSummary };

const running = new Map<string, { run: Promise<FulltextUpdateSummary>; next: Promise<FulltextUpdateSummary> | null }>();

async function runInWorker(dataDir: string): Promise<FulltextUpdateSummary> {
  const worker = startWorker(new URL('./fulltext-update-thread.ts', import.meta.url), { stdout: true, stderr: true });
  // pdf.js may print anyway: drained and dropped, so nothing reaches this process's output.
  worker.stdout.resume();
  worker.stderr.resume();
  const rpc = new RpcClient(worker);
  try {
    return await rpc.call<FulltextUpdateSummary>('update', { dataDir });
  } finally {
    await rpc.close();
  }
}

/** Brings the folder's full-text index up to date with its kept PDFs, off this thread. */
export function updateFulltextIndex(dataDir: string): Promise<FulltextUpdateSummary> {
  const key = resolve(dataDir);
  const current = running.get(key);
  if (current) {
    current.next ??= current.run.catch(() => undefined).then(() => start(key));
    return current.next;
  }
  return start(key);
}

function start(key: string): Promise<FulltextUpdateSummary> {
  const entry = { run: runInWorker(key), next: null as Promise<FulltextUpdateSummary> | null };
  running.set(key, entry);
  const done = () => {
    if (running.get(key) !== entry) return;
    if (entry.next) return;
    running.delete(key);
  };
  entry.run.then(done, done);
  return entry.run;
}
