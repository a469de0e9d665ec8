import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFileName } from '../../../src/pdfs/pdf-store.ts';
import { SearchThread } from '../../../src/window-host/search-thread-client.ts';
import { cli, cliProcess } from '../../cli/run-cli.ts';
import { fulltextLibrary, writePdf, type JsonHit } from './fulltext-library.ts';

interface JsonPage {
  total: number;
  results: JsonHit[];
  unsearchablePdfs?: Array<{ id: string; reason: string }>;
}

async function search(dir: string, ...args: string[]): Promise<JsonPage> {
  const run = await cli(dir, ['search', '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return run.json<JsonPage>();
}

const ids = (page: JsonPage) => page.results.map((hit) => hit.id).sort();

let shared: Promise<string> | null = null;
const sharedDir = mkdtempSync(join(tmpdir(), 'papershelf-fulltext-shared-'));
/** One library for the tests that only read it (reading PDFs from source takes seconds). */
const library = () => (shared ??= fulltextLibrary(sharedDir));

const threads: SearchThread[] = [];
afterAll(async () => {
  for (const thread of threads) await thread.close();
  rmSync(sharedDir, { recursive: true, force: true });
});

describe('search inside kept PDFs', () => {
  it('fulltext:word finds a word inside a PDF, names its page and gives a snippet with the word highlighted', { timeout: 120_000 }, async () => {
    const dir = await library();
    const page = await search(dir, 'fulltext:quixotic');
    expect(ids(page)).toEqual(['2601.00001']);
    const match = page.results[0]!.pdfMatch!;
    expect(match.page).toBe(2);
    expect(match.positions.length).toBe(1);
    const [start, length] = match.positions[0]!;
    expect(match.snippet.slice(start, start + length)).toBe('Quixotic');
    // The word on page 2 of three: the snippet is that page's text.
    expect(match.snippet).toContain('Hindenburg');
  });

  it('fulltext:"a phrase" matches only PDFs with the words adjacent and in order, on the page where they are', { timeout: 120_000 }, async () => {
    const dir = await library();
    expect(ids(await search(dir, 'fulltext:ornithopter'))).toEqual(['2601.00002', '2601.00004']);
    const phrase = await search(dir, 'fulltext:"ornithopter wing"');
    expect(ids(phrase)).toEqual(['2601.00002']);
    expect(phrase.results[0]!.pdfMatch!.page).toBe(1);
  });

  it('wildcards and fuzzy words work inside PDFs', { timeout: 120_000 }, async () => {
    const dir = await library();
    expect(ids(await search(dir, 'fulltext:quixo*'))).toEqual(['2601.00001']);
    expect(ids(await search(dir, 'fulltext:hindenberg~1'))).toEqual(['2601.00001']);
  });

  it('ordinary queries do not search inside PDFs; --fulltext ORs the PDFs into the results', { timeout: 120_000 }, async () => {
    const dir = await library();
    expect((await search(dir, 'quixotic')).total).toBe(0);
    expect(ids(await search(dir, 'zeppelin'))).toEqual(['2601.00004']);
    const both = await search(dir, '--fulltext', 'zeppelin');
    expect(both.total).toBe(2);
    expect(ids(both)).toEqual(['2601.00001', '2601.00004']);
    const inPdf = both.results.find((hit) => hit.id === '2601.00001')!;
    expect(inPdf.pdfMatch?.page).toBe(2);
    // Found in its abstract and in its PDF: listed once, with the page too.
    expect(both.results.find((hit) => hit.id === '2601.00004')!.pdfMatch?.page).toBe(1);
    expect(ids(await search(dir, '--fulltext', 'quixotic'))).toEqual(['2601.00001']);
  });

  it('reports a PDF without a text layer, and it matches nothing', { timeout: 120_000 }, async () => {
    const dir = await library();
    const page = await search(dir, '--fulltext', 'survey');
    expect(page.unsearchablePdfs).toEqual([{ id: '2601.00003', reason: 'no text layer; scanned?' }]);
    const text = await cli(dir, ['search', '--fulltext', 'airships']);
    expect(text.stdout).toContain('1 kept PDF cannot be searched inside: 2601.00003 (no text layer; scanned?)');
  });

  it('a PDF kept later is searchable at the next search, and a removed PDF disappears from the results', { timeout: 120_000 }, async () => {
    const dir = await fulltextLibrary();
    expect(ids(await search(dir, 'fulltext:quixotic'))).toEqual(['2601.00001']);
    writePdf(dir, '2601.00004', [['A later quixotic addition.']]);
    expect(ids(await search(dir, 'fulltext:quixotic'))).toEqual(['2601.00001', '2601.00004']);
    rmSync(join(dir, 'pdfs', pdfFileName('2601.00001')));
    expect(ids(await search(dir, 'fulltext:quixotic'))).toEqual(['2601.00004']);
    expect(existsSync(join(dir, 'fulltext', '2601.00001.text.json'))).toBe(false);
  });

  it('the bundled CLI searches inside PDFs with --fulltext', { timeout: 120_000 }, async () => {
    const dir = await library();
    const run = cliProcess(dir, ['search', '--fulltext', 'hindenburg', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const page = run.json<JsonPage>();
    expect(ids(page)).toEqual(['2601.00001']);
    expect(page.results[0]!.pdfMatch?.page).toBe(2);
    const plain = cliProcess(dir, ['search', 'hindenburg', '--json']);
    expect(plain.json<JsonPage>().total).toBe(0);
  });

  it("the window's search worker answers as the library does", { timeout: 120_000 }, async () => {
    const dir = await library();
    const thread = await SearchThread.open(dir);
    threads.push(thread);
    await thread.fulltextSettled();
    for (const query of ['zeppelin', 'fulltext:"ornithopter wing"', 'wing OR airships', 'fulltext:quix*', 'ornithopter -fulltext:zeppelin']) {
      for (const fulltext of [true, false]) {
        const inProcess = await search(dir, ...(fulltext ? ['--fulltext'] : []), '--', query);
        const worker = await thread.search({ query, fulltext, limit: 20 });
        expect(worker.total, query).toBe(inProcess.total);
        expect(worker.results.map((hit) => [hit.id, hit.score, hit.pdfMatch ?? null]), query).toEqual(inProcess.results.map((hit) => [hit.id, hit.score, hit.pdfMatch ?? null]));
      }
    }
  });
});
