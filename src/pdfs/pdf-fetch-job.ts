/**
 * PDF downloads as a fetch job (kind `pdf`): the window's "fetch PDFs", the PDFs a follow or the keep
 * setting asks for after a refresh, and the keeper's queue. Each paper is one batch of the job:
 * downloaded counts as added, already kept as unchanged, a refused or failed download as skipped with
 * its reason among the warnings. Every PDF kept is announced as a `pdfs` change, and the size limit is
 * applied once the run has ended.
 */
import type { FetchJob } from '../api/contract.ts';
import { checkedConfig } from '../library/fetch-clients.ts';
import { PDF_PART_PREFIX, type FetchControl } from '../library/fetch-job.ts';
import { fetchJobsFor, type FetchJobs } from '../library/fetch-jobs.ts';
import type { Library } from '../library/library.ts';
import { PapershelfError } from '../model/errors.ts';
import type { PaperView } from '../model/paper.ts';
import { cancelledError } from '../sources/clock.ts';
import { SubscriptionStore } from '../store/subscription-store.ts';
import { fetchPdfs, type PdfFetchSummary } from './pdf-fetch-run.ts';
import { pruneToLimit } from './pdf-prune.ts';
import type { PdfPaper } from './pdf-sources.ts';
import { PdfStore } from './pdf-store.ts';

export function pdfPaperOf(paper: Pick<PaperView, 'id' | 'arxivId' | 'pdfUrl' | 'details'>): PdfPaper {
  return { id: paper.id, arxivId: paper.arxivId, version: paper.details.version, pdfUrl: paper.pdfUrl };
}

const papersWord = (n: number): string => `${n} ${n === 1 ? 'paper' : 'papers'}`;

/**
 * Downloads the papers' PDFs within a running job, reporting each paper through `control`. Resolves
 * with the run's summary; throws only when cancelled or the disk refuses.
 */
export async function downloadWithin(
  jobs: FetchJobs,
  papers: readonly PdfPaper[],
  control: FetchControl,
  label: string,
): Promise<PdfFetchSummary & { kept: Set<string> }> {
  const kept = new Set<string>();
  const environment = jobs.environment;
  const config = checkedConfig(environment, SubscriptionStore.open(jobs.dataDir).sources());
  control.part(`${PDF_PART_PREFIX}${label}`, label, papers.length);
  const outcome = await fetchPdfs(
    papers,
    new PdfStore(jobs.dataDir),
    config,
    { env: environment.env ?? process.env, clock: environment.clock, fetch: environment.fetch, lookup: environment.lookup, retry: environment.retry },
    {
      signal: control.signal,
      onRequest: () => control.countRequest(),
      onProgress: (progress) => control.note(progress.message),
      onPaper: (id, result) => {
        const none = { added: 0, updated: 0, unchanged: 0, skipped: 0, warnings: [] as string[] };
        if (result.kept === 'downloaded') {
          kept.add(id);
          control.imported({ ...none, added: 1 }, `${id}: PDF kept`);
          jobs.pdfsChanged([id]);
        } else if (result.kept === 'already') {
          control.imported({ ...none, unchanged: 1 }, `${id}: PDF already kept`);
        } else {
          control.imported({ ...none, skipped: 1, warnings: [`${id}: ${result.reason}`] }, `${id}: ${result.reason}`);
        }
      },
    },
  );
  if (outcome.cancelled) throw cancelledError();
  return { ...outcome.summary, kept };
}

/** The size limit applied after downloads; what it removed is a warning of the job. */
export async function pruneWithin(jobs: FetchJobs, library: () => Library, control: FetchControl, spare: ReadonlySet<string> = new Set()): Promise<void> {
  const pruned = await pruneToLimit(library(), new PdfStore(jobs.dataDir), undefined, spare);
  if (pruned.removed.length === 0) return;
  jobs.pdfsChanged(pruned.removed.map((entry) => entry.id));
  control.warn(pruned.message);
}

/** Starts downloading the papers' PDFs in the background and returns the job at once. */
export function startPdfJob(library: Library, papers: readonly PdfPaper[], label = `PDFs of ${papersWord(papers.length)}`): FetchJob {
  const jobs = fetchJobsFor(library.dataDir);
  return jobs.start('pdf', label, async (control) => {
    const summary = await downloadWithin(jobs, papers, control, label);
    await pruneWithin(jobs, () => library, control, summary.kept);
    if (summary.failed.length > 0) {
      const n = summary.failed.length;
      control.failed(new PapershelfError('offline', `${n} PDF${n === 1 ? '' : 's'} could not be fetched (${summary.failed.map((f) => f.id).slice(0, 5).join(', ')}${n > 5 ? ', …' : ''})`));
    }
  });
}
