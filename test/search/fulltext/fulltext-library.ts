/** A library of a few papers with kept PDFs whose text the full-text tests search for. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { pdfFileName } from '../../../src/pdfs/pdf-store.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { cli } from '../../cli/run-cli.ts';
import { makePdf } from '../../pdfs/make-pdf.ts';
import { backupFile, type TestPaper } from '../../pdfs/pdf-library.ts';

export const PAPERS: TestPaper[] = [
  { id: '2601.00001', arxivId: '2601.00001', title: 'Airships for cargo logistics', abstract: 'We study lighter than air transport.', starred: true },
  { id: '2601.00002', arxivId: '2601.00002', title: 'Flapping flight in small robots', abstract: 'Insect scale robots that fly.' },
  { id: '2601.00003', arxivId: '2601.00003', title: 'A scanned survey', abstract: 'An old survey, kept as images.' },
  { id: '2601.00004', arxivId: '2601.00004', title: 'Zeppelin history', abstract: 'The history of rigid airships, from the zeppelin onwards.' },
];

/** Page texts: the zeppelin word is on page 2 of the first PDF only; the phrase "ornithopter wing" in the second. */
export const PDF_PAGES: Record<string, string[][]> = {
  '2601.00001': [['Introduction to cargo airships.', 'Helium is costly.'], ['The Hindenburg was a zeppelin of great size.', 'Quixotic ballast schemes failed.'], ['Conclusion.']],
  '2601.00002': [['An ornithopter wing beats like an insect.', 'Wing loading matters.'], ['The wing of an ornithopter is light.']],
  '2601.00003': [[], []],
  '2601.00004': [['The ornithopter has one wing, the zeppelin none.']],
};

export function writePdf(dir: string, id: string, pages: string[][]): void {
  mkdirSync(join(dir, 'pdfs'), { recursive: true });
  writeFileSync(join(dir, 'pdfs', pdfFileName(id)), makePdf({ pages }));
}

/** In `dir`, else in a folder removed after the current test. */
export async function fulltextLibrary(dir = tempDir('papershelf-fulltext-')): Promise<string> {
  const imported = await cli(dir, ['import', backupFile(PAPERS)]);
  expect(imported.code, imported.stderr).toBe(0);
  for (const [id, pages] of Object.entries(PDF_PAGES)) writePdf(dir, id, pages);
  return dir;
}

export interface JsonHit {
  id: string;
  score: number;
  pdfMatch?: { page: number; snippet: string; positions: Array<[number, number]> };
}
