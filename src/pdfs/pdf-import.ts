/**
 * `pdf import`: attaches local PDF files to the library's papers. Each file is read in the worker
 * (pdf.js, with its budget), matched by its arXiv stamp, DOI or title (pdf-match.ts) and kept
 * atomically; a file that is no PDF or matches no paper is reported and left alone. A file whose
 * stamp or DOI names an arXiv paper the library lacks adds that paper, asked of arXiv (pdf-arxiv-lookup.ts).
 */
import { readFile } from 'node:fs/promises';
import type { FetchEnvironment } from '../library/fetch-jobs.ts';
import type { Library } from '../library/library.ts';
import { PapershelfError } from '../model/errors.ts';
import { PaperFinder, pdfClues, type PdfClue } from './pdf-match.ts';
import type { PdfStore } from './pdf-store.ts';
import { PdfReader, type PdfReadBudget } from './read-pdf-in-worker.ts';

/** `added`: the paper was not in the library; it was resolved on arXiv and added with its PDF. */
export type PdfImportResult = { file: string; id: string; by: PdfClue['by']; bytes: number; added?: boolean } | { file: string; id: null; reason: string };

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The library paper with this arXiv id, or null. */
async function byArxivId(library: Library, arxivId: string): Promise<string | null> {
  try {
    await library.locate(arxivId);
    return library.resolveId(arxivId);
  } catch (error) {
    if (error instanceof PapershelfError && error.code === 'not-found') return null;
    throw error;
  }
}

/** A file to import: its name for the report, and its bytes read only when its turn comes. */
export interface PdfImportEntry {
  file: string;
  bytes: () => Promise<Buffer>;
}

/** `online`: how to reach arXiv for a paper not in the library (absent: such files are reported unmatched). */
export function importPdfFiles(files: readonly string[], library: Library, store: PdfStore, budget?: PdfReadBudget, online?: FetchEnvironment): Promise<PdfImportResult[]> {
  return importPdfEntries(
    files.map((file) => ({ file, bytes: () => readFile(file) })),
    library,
    store,
    budget,
    online,
  );
}

export async function importPdfEntries(
  entries: readonly PdfImportEntry[],
  library: Library,
  store: PdfStore,
  budget?: PdfReadBudget,
  online?: FetchEnvironment,
): Promise<PdfImportResult[]> {
  const reader = new PdfReader();
  try {
    return await importWith(reader, entries, library, store, budget, online);
  } finally {
    await reader.close();
  }
}

async function importWith(
  reader: PdfReader,
  entries: readonly PdfImportEntry[],
  library: Library,
  store: PdfStore,
  budget: PdfReadBudget | undefined,
  online: FetchEnvironment | undefined,
): Promise<PdfImportResult[]> {
  let finder: PaperFinder | null = null;
  const find = async (): Promise<PaperFinder> => {
    if (!finder) {
      await library.loaded();
      finder = new PaperFinder(library.listPapers().results.map((paper) => ({ id: paper.id, title: paper.title, doi: paper.details.doi })));
    }
    return finder;
  };
  const results: PdfImportResult[] = [];
  for (const { file, bytes: readBytes } of entries) {
    let bytes: Buffer;
    try {
      bytes = await readBytes();
    } catch (error) {
      results.push({ file, id: null, reason: `cannot read it: ${fileProblem(error)}` });
      continue;
    }
    let clues: PdfClue[];
    try {
      clues = pdfClues(await reader.read(bytes, budget));
    } catch (error) {
      if (!(error instanceof PapershelfError) || error.code !== 'bad-file') throw error;
      results.push({ file, id: null, reason: error.message });
      continue;
    }
    let match: { id: string; by: PdfClue['by'] } | null = null;
    for (const clue of clues) {
      let id: string | null;
      if (clue.by === 'arxiv-stamp') id = await byArxivId(library, clue.arxivId);
      else if (clue.by === 'doi') id = (clue.arxivId ? await byArxivId(library, clue.arxivId) : null) ?? (await find()).doi(clue.doi);
      else id = (await find()).title(clue.title);
      if (id) {
        match = { id, by: clue.by };
        break;
      }
    }
    let added = false;
    const named = clues.find((clue): clue is Extract<PdfClue, { arxivId: string }> => 'arxivId' in clue && clue.arxivId !== null);
    if (!match && named && online) {
      const { addFromArxiv } = await import('./pdf-arxiv-lookup.ts');
      const looked = await addFromArxiv(library, named.arxivId, online);
      if ('reason' in looked) {
        results.push({ file, id: null, reason: looked.reason });
        continue;
      }
      match = { id: looked.id, by: named.by };
      added = true;
      finder = null;
    }
    if (!match) {
      results.push({ file, id: null, reason: unmatched(clues) });
      continue;
    }
    await store.keep(match.id, bytes);
    results.push({ file, id: match.id, by: match.by, bytes: bytes.byteLength, ...(added ? { added } : {}) });
  }
  return results;
}

function unmatched(clues: PdfClue[]): string {
  if (clues.length === 0) return 'no arXiv stamp, DOI or title in the PDF to find its paper by';
  const said = clues.map((clue) => (clue.by === 'arxiv-stamp' ? `arXiv ${clue.arxivId}` : clue.by === 'doi' ? `DOI ${clue.doi}` : `title "${clue.title.slice(0, 80)}"`));
  return `no paper in the library matches its ${said.join(', ')}`;
}
