/**
 * Indexing a large batch from its serialized papers (so it can run in a worker thread): each chunk
 * is the .jsonl text Papershelf wrote for it; its papers are parsed back, indexed, and both files
 * staged (segment-files.ts) for the commit to publish under the write lock.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { discardStagedSegment, stageSegmentFiles, type StagedSegment } from '../../store/segment-files.ts';
import { encodeSegmentIndex } from '../index/segment-index-codec.ts';
import { buildPaperIndex } from '../index/segment-index-build.ts';

export interface BuildJob {
  dir: string;
  /** Per future segment, its .jsonl bytes. */
  chunks: Uint8Array[];
}

export interface BuiltChunk {
  staged: StagedSegment;
  /** The encoded index (segment-index-codec.ts). */
  index: Uint8Array;
}

export async function runBuildJob(job: BuildJob): Promise<BuiltChunk[]> {
  const built: BuiltChunk[] = [];
  try {
    for (const chunk of job.chunks) {
      const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const papers = text
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as StoredPaper);
      const index = encodeSegmentIndex(buildPaperIndex(papers));
      built.push({ staged: await stageSegmentFiles(job.dir, text, index), index });
    }
  } catch (error) {
    for (const chunk of built) await discardStagedSegment(chunk.staged);
    throw error;
  }
  return built;
}
