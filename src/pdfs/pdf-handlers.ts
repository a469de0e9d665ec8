/**
 * The contract's PDF operations (src/pdfs/pdf-contract.ts) bound to a Library and its data folder.
 * Downloads run as fetch jobs of kind `pdf`; every PDF that appears or goes is announced as a
 * `pdfs` change through the folder's fetch-job hub, which every door relays.
 */
import type { z } from 'zod';
import type { Contract, OperationName } from '../api/contract.ts';
import { fetchJobsFor } from '../library/fetch-jobs.ts';
import type { Library } from '../library/library.ts';
import { PapershelfError } from '../model/errors.ts';
import type { PaperView } from '../model/paper.ts';
import { MAX_IMPORT_PDF_BYTES, type PdfImportFileResult } from './pdf-contract.ts';
import { readPdfSettings, savePdfSettings } from './pdf-settings-store.ts';
import { arxivPdfBaseUrl, DEFAULT_ARXIV_PDF_URL, pdfTarget } from './pdf-sources.ts';
import { PdfStore } from './pdf-store.ts';

type In<N extends OperationName> = z.output<Contract[N]['input']>;
type Out<N extends OperationName> = z.input<Contract[N]['output']>;

async function paperOf(library: Library, id: string): Promise<PaperView> {
  await library.locate(id);
  return library.getPaper(id);
}

function arxivBase(dataDir: string): string {
  try {
    return arxivPdfBaseUrl(fetchJobsFor(dataDir).environment.env ?? process.env);
  } catch {
    // A malformed PAPERSHELF_ARXIV_PDF_URL is reported when a download starts; here it only answers "can fetch".
    return DEFAULT_ARXIV_PDF_URL;
  }
}

export async function pdfInfo(library: Library, input: In<'pdfInfo'>): Promise<Out<'pdfInfo'>> {
  const paper = await paperOf(library, input.id);
  const store = new PdfStore(library.dataDir);
  const meta = store.meta(paper.id);
  const { pdfPaperOf } = await import('./pdf-fetch-job.ts');
  const canFetch = !('none' in pdfTarget(pdfPaperOf(paper), arxivBase(library.dataDir)));
  return { kept: meta !== null, bytes: meta === null ? null : store.keptBytes(paper.id), fetchedAt: meta?.fetchedAt ?? null, source: meta?.source ?? null, canFetch };
}

export async function fetchPdfsJob(library: Library, input: In<'fetchPdfs'>): Promise<Out<'fetchPdfs'>> {
  const filtered = input.starred !== undefined || input.tag !== undefined || input.status !== undefined;
  if (input.ids !== undefined && filtered) throw new PapershelfError('bad-input', 'name papers by ids or choose them with starred, tag, status, not both');
  if (input.ids === undefined && !filtered) throw new PapershelfError('bad-input', 'name the papers: ids, starred, tag or status');
  let papers: PaperView[];
  if (input.ids !== undefined) {
    papers = [];
    for (const id of input.ids) papers.push(await paperOf(library, id));
  } else {
    await library.loaded();
    papers = library.listPapers({ starred: input.starred, tag: input.tag, status: input.status }).results;
  }
  const { pdfPaperOf, startPdfJob } = await import('./pdf-fetch-job.ts');
  const unique = new Map(papers.map((paper) => [paper.id, pdfPaperOf(paper)]));
  return { job: startPdfJob(library, [...unique.values()]) };
}

export async function removePdf(library: Library, input: In<'removePdf'>): Promise<Out<'removePdf'>> {
  const paper = await paperOf(library, input.id);
  const removed = await new PdfStore(library.dataDir).remove(paper.id);
  if (removed) fetchJobsFor(library.dataDir).pdfsChanged([paper.id]);
  return { removed };
}

export async function importPdfs(library: Library, input: In<'importPdfs'>): Promise<Out<'importPdfs'>> {
  const entries = input.files.map((file) => ({
    file: file.name,
    bytes: async () => {
      const bytes = Buffer.from(file.bytesBase64, 'base64');
      if (bytes.byteLength > MAX_IMPORT_PDF_BYTES) throw new PapershelfError('bad-file', `larger than ${MAX_IMPORT_PDF_BYTES / 1024 / 1024} MB`);
      return bytes;
    },
  }));
  const { importPdfEntries } = await import('./pdf-import.ts');
  const results = await importPdfEntries(entries, library, new PdfStore(library.dataDir), undefined, fetchJobsFor(library.dataDir).environment);
  const kept = results.flatMap((result) => (result.id === null ? [] : [result.id]));
  fetchJobsFor(library.dataDir).pdfsChanged(kept);
  if (kept.length > 0) {
    const { pruneToLimit } = await import('./pdf-prune.ts');
    const pruned = await pruneToLimit(library, new PdfStore(library.dataDir), undefined, new Set(kept));
    fetchJobsFor(library.dataDir).pdfsChanged(pruned.removed.map((entry) => entry.id));
  }
  const files: PdfImportFileResult[] = results.map((result) =>
    result.id === null
      ? { name: result.file, outcome: 'unmatched', id: null, by: null, bytes: 0, reason: result.reason }
      : { name: result.file, outcome: result.added ? 'added' : 'matched', id: result.id, by: result.by, bytes: result.bytes, reason: null },
  );
  return { files };
}

export function getPdfSettings(library: Library): Out<'getPdfSettings'> {
  return readPdfSettings(library.dataDir).settings;
}

export async function savePdfSettingsOp(library: Library, input: In<'savePdfSettings'>): Promise<Out<'savePdfSettings'>> {
  const settings = savePdfSettings(library.dataDir, input);
  if (input.maxBytes !== undefined && settings.maxBytes !== null) {
    const { pruneToLimit } = await import('./pdf-prune.ts');
    const pruned = await pruneToLimit(library, new PdfStore(library.dataDir), settings.maxBytes);
    const ids = pruned.removed.map((entry) => entry.id);
    fetchJobsFor(library.dataDir).pdfsChanged(ids);
    if (pruned.removed.length > 0 || pruned.bytes > settings.maxBytes) {
      return { ...settings, pruned: { ids, bytes: pruned.removed.reduce((sum, entry) => sum + entry.bytes, 0), message: pruned.message } };
    }
  }
  return settings;
}

/** PDFs kept in the folder, for `stats`. */
export function pdfTotals(dataDir: string): { count: number; bytes: number } {
  return new PdfStore(dataDir).totals();
}
