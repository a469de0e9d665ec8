/**
 * The thread side of the recommender: one worker, started on first use. It is unref'd while idle, so
 * a one-shot command ends when its work is done, and kept while a call runs; a long-running door
 * keeps it (and its warm caches) between calls.
 */
import type { Worker } from 'node:worker_threads';
import { RpcClient } from '../search/worker/rpc.ts';
import { startWorker } from '../search/worker/start-worker.ts';
import type { EngineAnswer, EngineRequest } from './recommender.ts';

let thread: { worker: Worker; client: RpcClient; busy: number } | null = null;

function started() {
  if (!thread || thread.client.failed) {
    const worker = startWorker(new URL('./recommend-thread.ts', import.meta.url));
    worker.unref();
    thread = { worker, client: new RpcClient(worker), busy: 0 };
  }
  return thread;
}

export async function recommendInWorker(dataDir: string, request: EngineRequest): Promise<EngineAnswer> {
  const current = started();
  if (current.busy++ === 0) current.worker.ref();
  try {
    return await current.client.call<EngineAnswer>('recommend', { dataDir, request });
  } finally {
    if (--current.busy === 0) current.worker.unref();
  }
}

/** Stops the worker (tests, and doors that close for good). */
export async function closeRecommender(): Promise<void> {
  const current = thread;
  thread = null;
  if (current) await current.client.close();
}
