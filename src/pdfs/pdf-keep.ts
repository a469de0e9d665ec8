/**
 * Which PDFs are downloaded without being asked for one by one: those of the papers a follow fetched
 * (its `pdfs` choice: all, or the starred among them) and those the keep setting names (starred, and
 * to-read). Papers whose PDF is kept already are left out, so a download that failed (offline) is
 * simply wanted again next time: the queue is what is wanted and not yet kept.
 */
import type { FetchControl } from '../library/fetch-job.ts';
import type { FetchJobs } from '../library/fetch-jobs.ts';
import type { Library } from '../library/library.ts';
import type { PaperView } from '../model/paper.ts';
import type { Follow } from '../store/subscription-schema.ts';
import type { PdfKeep } from './pdf-contract.ts';
import { downloadWithin, pdfPaperOf, pruneWithin } from './pdf-fetch-job.ts';
import { readPdfSettings } from './pdf-settings-store.ts';
import type { PdfPaper } from './pdf-sources.ts';
import { PdfStore } from './pdf-store.ts';

/** The papers the keep setting names (loaded library). */
export function keptBySetting(library: Library, keep: PdfKeep): PaperView[] {
  if (keep === 'none') return [];
  const starred = library.listPapers({ starred: true }).results;
  return keep === 'starred' ? starred : [...starred, ...library.listPapers({ status: 'to-read' }).results];
}

/** The wanted papers whose PDF is not kept yet, each once, the keep setting's first. */
export async function wantedPdfs(library: Library, fetched: ReadonlyArray<{ follow: Pick<Follow, 'pdfs'>; arxivIds: readonly string[] }> = []): Promise<PdfPaper[]> {
  await library.loaded();
  const store = new PdfStore(library.dataDir);
  const wanted = new Map<string, PdfPaper>();
  const add = (paper: PaperView): void => {
    if (!wanted.has(paper.id) && store.keptBytes(paper.id) === null) wanted.set(paper.id, pdfPaperOf(paper));
  };
  for (const paper of keptBySetting(library, readPdfSettings(library.dataDir).settings.keep)) add(paper);
  for (const { follow, arxivIds } of fetched) {
    if (follow.pdfs === 'none' || arxivIds.length === 0) continue;
    for (const paper of library.listPapers({ ids: new Set(arxivIds) }).results) if (follow.pdfs === 'all' || paper.starred) add(paper);
  }
  return [...wanted.values()];
}

/** The last step of a refresh: downloads what is wanted within the refresh's job, then applies the size limit. */
export async function keepPdfsWithin(jobs: FetchJobs, library: () => Library, control: FetchControl, fetched: ReadonlyArray<{ follow: Follow; arxivIds: string[] }>): Promise<void> {
  const papers = await wantedPdfs(library(), fetched);
  let kept = new Set<string>();
  if (papers.length > 0) {
    const summary = await downloadWithin(jobs, papers, control, `PDFs of ${papers.length} ${papers.length === 1 ? 'paper' : 'papers'}`);
    kept = summary.kept;
    if (summary.failed.length > 0) control.warn(`${summary.failed.length} PDFs could not be downloaded; the next refresh tries again`);
  }
  await pruneWithin(jobs, library, control, kept);
}
