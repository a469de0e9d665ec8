/**
 * The size limit: `pdf settings --max-size` (the bundled CLI, a real process) removes the oldest read
 * papers' PDFs first, then unmarked papers', never a starred paper's, and to-read ones last.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePrunable } from '../../src/pdfs/pdf-prune.ts';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { cli, cliProcess } from '../cli/run-cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { makePdf } from './make-pdf.ts';
import { backupFile, type TestPaper } from './pdf-library.ts';

const PAPERS: TestPaper[] = [
  { id: '2606.00001', arxivId: '2606.00001', title: 'Starred and read', starred: true, status: 'read' },
  { id: '2606.00002', arxivId: '2606.00002', title: 'Read long ago', status: 'read' },
  { id: '2606.00003', arxivId: '2606.00003', title: 'Read lately', status: 'read' },
  { id: '2606.00004', arxivId: '2606.00004', title: 'To read, kept first of all', status: 'to-read' },
  { id: '2606.00005', arxivId: '2606.00005', title: 'No status' },
];
/** When each PDF was kept: the to-read one first, the starred one before the read ones. */
const KEPT_AT: Record<string, string> = {
  '2606.00004': '2026-01-01T00:00:00.000Z',
  '2606.00001': '2026-02-01T00:00:00.000Z',
  '2606.00002': '2026-03-01T00:00:00.000Z',
  '2606.00005': '2026-03-15T00:00:00.000Z',
  '2606.00003': '2026-04-01T00:00:00.000Z',
};

async function libraryWithPdfs(): Promise<{ dir: string; store: PdfStore }> {
  const dir = tempDir('papershelf-pdf-prune-');
  const imported = await cli(dir, ['import', backupFile(PAPERS)]);
  expect(imported.code, imported.stderr).toBe(0);
  const store = new PdfStore(dir);
  for (const paper of PAPERS) {
    await store.keep(paper.id, Buffer.alloc(1000, 7));
    writeFileSync(`${store.pathOf(paper.id)}.json`, JSON.stringify({ source: 'arxiv', fetchedAt: KEPT_AT[paper.id] }));
  }
  return { dir, store };
}

const keptIds = (store: PdfStore): string[] => PAPERS.map((paper) => paper.id).filter((id) => existsSync(store.pathOf(id)));

describe('the PDF size limit', () => {
  it('orders read papers (oldest kept first), then unmarked, then to-read or reading, and never a starred one', () => {
    const kept = Object.entries(KEPT_AT).map(([id, keptAt]) => ({ id, keptAt, bytes: 1000 }));
    const papers = new Map(PAPERS.map((paper) => [paper.id, { starred: paper.starred ?? false, status: paper.status ?? null }]));
    expect(choosePrunable(kept, papers, 5000)).toEqual([]);
    expect(choosePrunable(kept, papers, 3000).map((pdf) => pdf.id)).toEqual(['2606.00002', '2606.00003']);
    expect(choosePrunable(kept, papers, 0).map((pdf) => pdf.id)).toEqual(['2606.00002', '2606.00003', '2606.00005', '2606.00004']);
    expect(choosePrunable(kept, papers, 0, new Set(['2606.00002'])).map((pdf) => pdf.id)).toEqual(['2606.00003', '2606.00005', '2606.00004']);
  });

  it('pdf settings --max-size prunes at once and says what it removed; a limit only starred PDFs exceed removes no starred one', { timeout: 120_000 }, async () => {
    const { dir, store } = await libraryWithPdfs();
    const shown = cliProcess(dir, ['pdf', 'settings']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toBe('PDFs are downloaded only when asked for; no size limit\n5 PDFs kept, 4.9 KB\n');

    const limited = cliProcess(dir, ['pdf', 'settings', '--max-size', '2500', '--keep', 'starred']);
    expect(limited.code, limited.stderr).toBe(0);
    expect(limited.stdout).toContain('removed the PDFs of 2606.00002, 2606.00003, 2606.00005 (2.9 KB)');
    expect(keptIds(store)).toEqual(['2606.00001', '2606.00004']);
    expect(existsSync(`${store.pathOf('2606.00002')}.json`)).toBe(false);

    const json = cliProcess(dir, ['pdf', 'settings', '--max-size', '1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toMatchObject({ keep: 'starred', maxBytes: 1, pruned: { ids: ['2606.00004'], bytes: 1000 } });
    expect(keptIds(store)).toEqual(['2606.00001']);
    const stats = cliProcess(dir, ['stats', '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.json()).toMatchObject({ pdfs: { count: 1, bytes: 1000 } });

    expect(cliProcess(dir, ['pdf', 'settings', '--max-size', 'lots']).stderr).toContain('"lots" is not a size');
    const cleared = cliProcess(dir, ['pdf', 'settings', '--max-size', 'none', '--json']);
    expect(cleared.json()).toEqual({ keep: 'starred', maxBytes: null });

    // A PDF just imported is not pruned for being imported, even of a read paper.
    expect(cliProcess(dir, ['pdf', 'settings', '--max-size', '1500']).code).toBe(0);
    const file = join(tempDir('papershelf-pdf-prune-files-'), 'read-lately.pdf');
    writeFileSync(file, makePdf({ title: 'Read lately', stamp: 'arXiv:2606.00003v1 [cs.CL] 1 Jun 2026', padding: 2000 }));
    const imported = cliProcess(dir, ['pdf', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/over the limit of 1\.5 KB, but none may be removed/);
    expect(keptIds(store)).toEqual(['2606.00001', '2606.00003']);
  });
});
