/**
 * In a long-running door (serve, the desktop app): keeps the PDFs the keep setting names. Starring a
 * paper or marking it to read (an `annotations` change, from this door or another process) queues a
 * background fetch job of kind `pdf` for every wanted PDF not yet kept; the door's start does too.
 * A run that could not download everything (offline, a failing server) is tried again on a timer
 * that backs off, so PDFs starred while offline arrive once the network is back. Downloads run as a
 * job (streams and the arXiv pacing, never on the event loop's critical path); nothing runs while
 * the setting is "none".
 */
import type { ChangeEvent } from '../api/contract.ts';
import { fetchJobsFor } from '../library/fetch-jobs.ts';
import type { Library } from '../library/library.ts';
import { readPdfSettings } from '../pdfs/pdf-settings-store.ts';

export interface KeeperHost {
  readonly dataDir: string;
  readonly library: Library;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

/** When runs happen; a test shortens them. */
export const pdfKeeperTiming = {
  /** After the door opens, so the window's first answers come first. */
  startMs: 5_000,
  /** After a star or status change, gathering a burst of them (a bulk action) into one run. */
  settleMs: 1_000,
  /** First retry after a run that left PDFs unkept; doubled each time up to maxRetryMs. */
  retryMs: 60_000,
  maxRetryMs: 30 * 60_000,
};

export class PdfKeeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly host: KeeperHost,
    private readonly onProblem: (message: string) => void = () => {},
  ) {
    this.unsubscribe = host.subscribe((event) => {
      if (event.kind === 'annotations') this.schedule(pdfKeeperTiming.settleMs);
    });
    this.schedule(pdfKeeperTiming.startMs);
  }

  /** Resolves once no run is going on or due soon (for tests and measurements). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(pdfKeeperTiming.settleMs);
        }
      });
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || readPdfSettings(this.host.dataDir).settings.keep === 'none') return;
    const library = this.host.library;
    try {
      const [{ wantedPdfs }, { startPdfJob }] = await Promise.all([import('../pdfs/pdf-keep.ts'), import('../pdfs/pdf-fetch-job.ts')]);
      const papers = await wantedPdfs(library);
      if (papers.length === 0 || this.stopped) {
        this.failures = 0;
        return;
      }
      const job = startPdfJob(library, papers, `keeping the PDFs of ${papers.length} starred or to-read ${papers.length === 1 ? 'paper' : 'papers'}`);
      const ended = await fetchJobsFor(this.host.dataDir).wait(job.id);
      if (ended.state === 'cancelled') return;
      if (ended.skipped === 0 && ended.state === 'done') {
        this.failures = 0;
        return;
      }
      this.onProblem(`PDFs to keep could not all be downloaded (${ended.error?.message ?? `${ended.skipped} failed`}); trying again later`);
    } catch (error) {
      this.onProblem(`PDFs to keep could not be downloaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.failures += 1;
    this.retryLater();
  }

  private retryLater(): void {
    const delay = Math.min(pdfKeeperTiming.maxRetryMs, pdfKeeperTiming.retryMs * 2 ** Math.min(this.failures - 1, 20));
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.schedule(0);
    }, delay);
    this.timer.unref();
  }
}
