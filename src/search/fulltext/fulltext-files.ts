/**
 * What full-text search keeps in the data folder, beside the PDFs it was extracted from:
 * `fulltext/<name>.text.json` per kept PDF (`pdfs/<name>.pdf`): the text of every page, or why there
 * is none, and the size and modification time of the PDF it came from (a replaced PDF is read again);
 * `fulltext/index.json` and `fulltext/ft-*.idx`, the index (fulltext-manifest.ts). All of it can be
 * rebuilt from the PDFs, and every file is replaced atomically.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { idFromPdfFileName, PDF_DIR } from '../../pdfs/pdf-store.ts';

export const FULLTEXT_DIR = 'fulltext';
const TEXT_FORMAT = 'papershelf-pdf-text';
const TEXT_VERSION = 1;

/** The PDF a record or index entry was made from: a PDF replaced since is read again. */
export interface PdfStamp {
  size: number;
  mtimeMs: number;
}

export interface PdfTextRecord {
  format: typeof TEXT_FORMAT;
  version: number;
  pdf: PdfStamp;
  /** Each page's text (page 1 first); null when the PDF could not be read (see `problem`). */
  pages: string[] | null;
  /** Why there is no searchable text: no text layer (a scan), or the PDF was refused. */
  problem: string | null;
  truncated: boolean;
}

export const NO_TEXT_LAYER = 'no text layer; scanned?';

export function fulltextDir(dataDir: string): string {
  return join(dataDir, FULLTEXT_DIR);
}

/** `2401.00001.pdf` → `2401.00001.text.json`. */
export function textFileName(pdfName: string): string {
  return `${pdfName.slice(0, -'.pdf'.length)}.text.json`;
}

export function textPath(dataDir: string, pdfName: string): string {
  return join(fulltextDir(dataDir), textFileName(pdfName));
}

export function pdfsDir(dataDir: string): string {
  return join(dataDir, PDF_DIR);
}

export function stampOf(path: string): PdfStamp | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? { size: stat.size, mtimeMs: Math.round(stat.mtimeMs) } : null;
  } catch {
    return null;
  }
}

export function sameStamp(a: PdfStamp | null | undefined, b: PdfStamp | null | undefined): boolean {
  return a != null && b != null && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export function makeRecord(pdf: PdfStamp, pages: string[] | null, problem: string | null, truncated = false): PdfTextRecord {
  // A PDF whose pages hold no letters or digits has no text layer worth indexing (a scan).
  const empty = pages !== null && !pages.some((page) => /[\p{L}\p{N}]/u.test(page));
  return { format: TEXT_FORMAT, version: TEXT_VERSION, pdf, pages: empty ? null : pages, problem: empty ? NO_TEXT_LAYER : problem, truncated };
}

/** The record, or null when it is missing, damaged or of another version (it is then made again). */
export function readRecord(path: string): PdfTextRecord | null {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as Partial<PdfTextRecord>;
    if (record.format !== TEXT_FORMAT || record.version !== TEXT_VERSION || !record.pdf) return null;
    if (record.pages !== null && !(Array.isArray(record.pages) && record.pages.every((page) => typeof page === 'string'))) return null;
    return record as PdfTextRecord;
  } catch {
    return null;
  }
}

/** The text a PDF is indexed and searched in: its pages, one after another. */
export const PAGE_SEPARATOR = '\n\n';

export function documentText(pages: readonly string[]): string {
  return pages.join(PAGE_SEPARATOR);
}

/** Where each page starts in documentText. */
export function pageStarts(pages: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const page of pages) {
    starts.push(at);
    at += page.length + PAGE_SEPARATOR.length;
  }
  return starts;
}

/** A kept PDF's paper id, or null for other files (parts, locks, hashed names). */
export function paperIdOfPdf(name: string): string | null {
  return name.endsWith('.pdf') ? idFromPdfFileName(name) : null;
}
