/**
 * Merging a corpus's segments: in the background after commits (merge-policy.ts decides when), or
 * at once for an explicit compaction. The merged files are computed from the segment files (in a
 * worker thread by default) without holding the write lock; only writing them and the manifest
 * happens under it, after picking up other processes' commits. If another process merged or
 * dropped one of the chosen segments meanwhile, the merge is abandoned (the policy will look again).
 */
import { PapershelfError } from '../../model/errors.ts';
import { papersDir, stageSegmentFiles } from '../../store/segment-files.ts';
import type { Manifest } from '../../store/segment-manifest.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import type { LoadedCorpus } from './corpus-loader.ts';
import { detached } from './detached.ts';
import type { CorpusState } from './corpus-state.ts';
import { PAPER_FIELDS } from '../analysis/fields.ts';
import { planBackgroundMerge, planCompaction, type CompactionPlan } from './merge-policy.ts';
import { decodeSegmentIndex } from '../index/segment-index-codec.ts';
import type { MergeJob } from './segment-merge.ts';
import type { SegmentWorker } from '../worker/segment-worker.ts';
import { discardPrepared, writeMerge, type PreparedSegment } from './segment-writer.ts';

/** Where merged segments are written: `papers/`, or this device's own folder in a synced data folder. */
export interface MergeTarget {
  /** The folder whose write lock a merge takes. */
  lockDir: string;
  /** The folder of the segments merged (and of the merged one). */
  dir: string;
  /** The segments this process may merge, as the loaded corpus names them. */
  mergeable(loaded: LoadedCorpus): Manifest;
  /** A segment's file name in `dir`. */
  fileName(name: string): string;
  write(current: LoadedCorpus, plan: CompactionPlan, prepared: PreparedSegment | null): Promise<LoadedCorpus | null>;
}

export function plainMergeTarget(dataDir: string): MergeTarget {
  return {
    lockDir: dataDir,
    dir: papersDir(dataDir),
    mergeable: (loaded) => loaded.manifest,
    fileName: (name) => name,
    write: (current, plan, prepared) => writeMerge(dataDir, current, plan, prepared),
  };
}

export interface MergeHost {
  loaded(): LoadedCorpus;
  state(): CorpusState;
  refresh(): Promise<boolean>;
  apply(loaded: LoadedCorpus): void;
  target(): MergeTarget;
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class CorpusMerges {
  private running: Promise<void> | null = null;
  private again = false;
  /** Why the last background merge failed, if it did (the next commit tries again). */
  lastError: Error | null = null;

  constructor(
    private readonly background: boolean,
    private readonly worker: SegmentWorker,
    private readonly host: MergeHost,
  ) {}

  /** Starts background merging if the policy finds work (after a commit). */
  schedule(): void {
    if (!this.background) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Commits often run inside the caller's lock section; the merge must take the lock itself.
    this.running = detached(() => this.mergeWhileDue()).finally(() => (this.running = null));
  }

  private async mergeWhileDue(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const loaded = this.host.loaded();
        const plan = planBackgroundMerge(this.host.target().mergeable(loaded), this.host.state());
        if (plan === null) break;
        try {
          if (!(await this.merge(plan))) break;
        } catch (error) {
          this.lastError = error as Error;
          break;
        }
      }
    } while (this.again);
  }

  async compact(all: boolean): Promise<void> {
    await this.settled();
    const plan = planCompaction(this.host.target().mergeable(this.host.loaded()), this.host.state(), all);
    if (plan !== null) await this.merge(plan);
  }

  /** Returns whether the merge was written. */
  private async merge(plan: CompactionPlan): Promise<boolean> {
    const target = this.host.target();
    const prepared = plan.papers.length === 0 ? null : await this.prepare(plan, target);
    try {
      return await withWriteLock(target.lockDir, async () => {
        await this.host.refresh();
        const next = await target.write(this.host.loaded(), plan, prepared);
        if (next) this.host.apply(next);
        return next !== null;
      });
    } finally {
      if (prepared) await discardPrepared([prepared]);
    }
  }

  private async prepare(plan: CompactionPlan, target: MergeTarget): Promise<PreparedSegment> {
    const job: MergeJob = {
      dir: target.dir,
      segments: plan.chosen.map((entry) => ({ name: target.fileName(entry.name), papers: entry.papers, keep: plan.keep.get(entry.name)! })),
    };
    const result = await this.worker.merge(job);
    const indexBytes = bufferOf(result.index);
    const index = decodeSegmentIndex(indexBytes, { papers: plan.papers.length, fields: PAPER_FIELDS });
    if (!plan.papers.every((paper, i) => index.ids[i] === paper.id)) {
      throw new PapershelfError('internal', 'the merged segment does not hold the papers it was planned with');
    }
    return { papers: plan.papers, index, staged: await stageSegmentFiles(job.dir, bufferOf(result.papers), indexBytes) };
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}
