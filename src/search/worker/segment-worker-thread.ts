/** Worker entry: merges segments and indexes large batches (segment-worker.ts) off the main thread. */
import { runBuildJob, type BuildJob } from '../corpus/segment-build-job.ts';
import { runMergeJob, type MergeJob } from '../corpus/segment-merge.ts';
import { serveRpc } from './rpc.ts';
import { movable } from './transfer.ts';

serveRpc({
  merge: async (job: MergeJob) => {
    const result = await runMergeJob(job);
    const papers = movable(result.papers);
    const index = movable(result.index);
    return { value: { papers, index }, transfer: [papers.buffer, index.buffer] };
  },
  build: async (job: BuildJob) => {
    const built = (await runBuildJob(job)).map(({ staged, index }) => ({ staged, index: movable(index) }));
    return { value: built, transfer: built.map((chunk) => chunk.index.buffer) };
  },
});
