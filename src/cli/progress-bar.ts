/**
 * Fetch progress on stderr: a bar with counts redrawn in place when stderr is a terminal, plain lines
 * (one per batch or notice) when it is a file or a pipe, so logs stay readable. stdout is left to
 * the summary, which `--json` callers parse.
 */
import type { FetchJob } from '../api/contract.ts';

export interface ProgressTarget {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width: the bar line is cut to fit, because a wrapped line cannot be redrawn in place. */
  columns?: number | undefined;
}

const BAR_WIDTH = 20;
const CLEAR_LINE = '\r\x1b[2K';

export function barLine(job: FetchJob, columns: number): string {
  const ratio = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const line = `${bar} ${job.done}/${job.total}  ${job.added} added · ${job.updated} updated · ${job.requests} requests  ${job.message}`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

export class ProgressBar {
  private lastLine = '';
  private drawn = false;

  constructor(private readonly target: ProgressTarget) {}

  update(job: FetchJob): void {
    if (job.finished) return;
    if (this.target.isTTY) {
      this.target.write(`${CLEAR_LINE}${barLine(job, this.target.columns ?? 80)}`);
      this.drawn = true;
      return;
    }
    const line = job.total > 0 ? `[${job.done}/${job.total}] ${job.message}` : job.message;
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.target.write(`${line}\n`);
  }

  /** Clears the bar, so what is printed next starts on a clean line. */
  close(): void {
    if (this.drawn) this.target.write(CLEAR_LINE);
    this.drawn = false;
  }
}
