/** A library of a few papers written as a Papershelf backup, for the PDF tests to import. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyPaperFields, type PaperFields } from '../../src/model/paper.ts';
import { tempDir } from '../helpers/fixtures.ts';

export interface TestPaper extends Partial<PaperFields> {
  id: string;
  title: string;
  starred?: boolean;
  status?: 'to-read' | 'reading' | 'read' | null;
  tags?: string[];
}

const AT = '2026-07-01T00:00:00.000Z';

/** The backup file's text. */
export function backupText(papers: TestPaper[]): string {
  const stored = papers.map(({ id, title, starred: _s, status: _st, tags: _t, ...fields }) => ({
    ...emptyPaperFields(title),
    ...fields,
    id,
    sources: ['json'],
    addedAt: AT,
    modifiedAt: AT,
  }));
  const annotations = Object.fromEntries(
    papers.map((paper) => [paper.id, { starred: paper.starred ?? false, tags: paper.tags ?? [], status: paper.status ?? null, updatedAt: AT, note: null }]),
  );
  return JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: AT, papers: stored, annotations });
}

/** Writes the backup to a temporary file and returns its path. */
export function backupFile(papers: TestPaper[]): string {
  const path = join(tempDir('papershelf-pdf-backup-'), 'library.papershelf.json');
  writeFileSync(path, backupText(papers));
  return path;
}
