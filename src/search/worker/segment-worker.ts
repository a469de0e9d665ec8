/**
 * Runs the heavy segment jobs — merging segments, indexing a large batch — in a worker thread, so a
 * big import or merge never blocks the thread that answers the user. The worker starts on the first
 * job and stops after a minute idle; it never keeps the process alive while idle. Where no worker
 * can start (a build without the worker entry), jobs run on this thread instead.
 */
import type { Worker } from 'node:worker_threads';
import type { StoredPaper } from '../../model/paper.ts';
import { discardStagedSegment, serializePapers } from '../../store/segment-files.ts';
import { PapershelfError } from '../../model/errors.ts';
import { PAPER_FIELDS } from '../analysis/fields.ts';
import type { BuildJob, BuiltChunk } from '../corpus/segment-build-job.ts';
import { decodeSegmentIndex } from '../index/segment-index-codec.ts';
import { runMergeJob, type MergeJob, type MergeResult } from '../corpus/segment-merge.ts';
import { discardPrepared, prepareSegments, SEGMENT_CHUNK, type PreparedSegment } from '../corpus/segment-writer.ts';
import { RpcClient } from './rpc.ts';
import { startWorker } from './start-worker.ts';

const IDLE_MS = 60_000;
/** Smaller batches are indexed on the calling thread: it takes less than handing them over. */
export const WORKER_BATCH_MIN = 2000;

/** The .jsonl bytes of a batch, a slice at a time with a turn of the event loop between slices. */
async function serializeInSlices(papers: readonly StoredPaper[]): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Buffer[] = [];
  for (let i = 0; i < papers.length; i += 200) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    parts.push(Buffer.from(serializePapers(papers.slice(i, i + 200)), 'utf8'));
  }
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

export class SegmentWorker {
  private worker: { thread: Worker; client: RpcClient } | null = null;
  private idle: NodeJS.Timeout | null = null;
  private workerFailed = false;

  constructor(private readonly useWorker: boolean) {}

  merge(job: MergeJob): Promise<MergeResult> {
    return this.run('merge', job, () => runMergeJob(job));
  }

  /** Indexes a batch and stages its segments' files (see segment-writer.ts). */
  async prepare(dir: string, papers: StoredPaper[]): Promise<PreparedSegment[]> {
    if (!this.useWorker || this.workerFailed || papers.length < WORKER_BATCH_MIN) return prepareSegments(dir, papers);
    const prepared: PreparedSegment[] = [];
    try {
      // One segment at a time: only one chunk's text is held (and moved to the worker) at once.
      for (let i = 0; i < papers.length; i += SEGMENT_CHUNK) {
        const group = papers.slice(i, i + SEGMENT_CHUNK);
        const chunk = await serializeInSlices(group);
        const built = await this.run<BuiltChunk[] | null>('build', { dir, chunks: [chunk] } satisfies BuildJob, async () => null, [chunk.buffer]);
        prepared.push(...(built === null ? await prepareSegments(dir, group) : [await this.adopt(group, built[0]!)]));
      }
    } catch (error) {
      await discardPrepared(prepared);
      throw error;
    }
    return prepared;
  }

  /** A segment the worker built, checked against the papers it was given. */
  private async adopt(papers: StoredPaper[], { staged, index }: BuiltChunk): Promise<PreparedSegment> {
    try {
      const decoded = decodeSegmentIndex(Buffer.from(index.buffer, index.byteOffset, index.byteLength), { papers: papers.length, fields: PAPER_FIELDS });
      if (!papers.every((paper, line) => decoded.ids[line] === paper.id)) throw new PapershelfError('internal', 'an indexed segment does not hold its batch');
      return { papers, index: decoded, staged };
    } catch (error) {
      await discardStagedSegment(staged);
      throw error;
    }
  }

  private async run<T>(method: string, job: unknown, inline: () => Promise<T>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (!this.useWorker || this.workerFailed) return inline();
    let worker: { thread: Worker; client: RpcClient };
    try {
      worker = this.start();
    } catch {
      this.workerFailed = true;
      return inline();
    }
    if (this.idle) clearTimeout(this.idle);
    worker.thread.ref();
    try {
      return await worker.client.call<T>(method, job, transfer);
    } catch (error) {
      // The job's own failure (a file gone) is the caller's; a worker that cannot run is replaced by this thread.
      if (!worker.client.failed) throw error;
      this.workerFailed = true;
      this.worker = null;
      return inline();
    } finally {
      if (this.worker) {
        this.worker.thread.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS);
        this.idle.unref();
      }
    }
  }

  private start(): { thread: Worker; client: RpcClient } {
    if (!this.worker) {
      const thread = startWorker(new URL('./segment-worker-thread.ts', import.meta.url));
      this.worker = { thread, client: new RpcClient(thread) };
    }
    return this.worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idle) clearTimeout(this.idle);
    await worker?.client.close();
  }
}
