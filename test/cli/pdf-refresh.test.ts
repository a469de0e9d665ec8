/**
 * PDFs that arrive without being asked for one by one: `follow … --pdfs all` downloads the follow's
 * new papers' PDFs after `refresh`, the keep setting adds the starred papers' ones, and `pdf import`
 * of a PDF whose paper is missing adds the paper from arXiv (a replay server on 127.0.0.1), or says
 * clearly that arXiv could not be reached and keeps nothing.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { atomEntries, closedPort, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { makePdf } from '../pdfs/make-pdf.ts';
import { backupFile } from '../pdfs/pdf-library.ts';
import { startPdfServer, type PdfServer } from '../pdfs/pdf-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import { cliWithEnv } from './run-cli.ts';

let api: ReplayServer | null = null;
let pdfs: PdfServer | null = null;
afterEach(async () => {
  await api?.close();
  await pdfs?.close();
  api = null;
  pdfs = null;
});

const cli = cliWithEnv;

/** The recorded cs.LG feed's first entries as `<id>v<N>`, the name arXiv serves their PDFs under. */
const versioned = (count: number): string[] =>
  atomEntries(readFixture('arxiv-query-transformer-cs.LG.xml'))
    .slice(0, count)
    .map((entry) => /<id>https?:\/\/arxiv\.org\/abs\/([^<]+)<\/id>/.exec(entry)?.[1] ?? '');

describe('PDFs kept by follows and the keep setting', () => {
  it('refresh downloads the PDFs of a --pdfs all follow and of starred papers, once, and follow --pdfs changes an existing follow', { timeout: 120_000 }, async () => {
    api = await startReplayServer();
    pdfs = await startPdfServer();
    const env = { PAPERSHELF_ARXIV_URL: api.url, PAPERSHELF_HF_URL: api.url, PAPERSHELF_ARXIV_PDF_URL: pdfs.url };
    const dir = tempDir('papershelf-pdf-refresh-');
    fetchJobsFor(dir).environment = { clock: new TestClock(), retry: { backoffMs: 10 } };
    const imported = await cli(dir, ['import', backupFile([{ id: '2606.00031', arxivId: '2606.00031', title: 'Starred long ago', starred: true }])], env);
    expect(imported.code, imported.stderr).toBe(0);
    const followed = versioned(3);
    for (const name of followed) pdfs.serve(name, makePdf({ title: name }));
    const starred = makePdf({ title: 'Starred long ago' });
    pdfs.serve('2606.00031', starred);

    const follow = await cli(dir, ['follow', 'arxiv', 'cat:cs.LG AND all:transformer', '--max', '3'], env);
    expect(follow.stdout).not.toContain('PDFs');
    const again = await cli(dir, ['follow', 'arxiv', 'cat:cs.LG AND all:transformer', '--pdfs', 'all'], env);
    expect(again.stdout).toContain('after each refresh, the PDFs of its papers are downloaded');
    expect((await cli(dir, ['following', '--json'], env)).json<{ follows: Array<{ pdfs: string }> }>().follows.map((f) => f.pdfs)).toEqual(['all']);
    expect((await cli(dir, ['pdf', 'settings', '--keep', 'starred'], env)).code).toBe(0);

    const refresh = await cli(dir, ['refresh', '--json'], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    const kept = readdirSync(join(dir, 'pdfs')).filter((name) => name.endsWith('.pdf')).sort();
    expect(kept).toEqual([...followed.map((name) => `${name.replace(/v\d+$/, '')}.pdf`), '2606.00031.pdf'].sort());
    expect(readFileSync(join(dir, 'pdfs', '2606.00031.pdf'))).toEqual(starred);
    const summary = refresh.json<{ added: number; requests: number; follows: Array<{ label: string; added: number; requests: number }> }>();
    expect(summary.follows.at(-1)).toMatchObject({ label: 'PDFs of 4 papers', added: 4, requests: 4 });
    // The refresh's own counts are papers; its requests include the PDFs'.
    expect(summary).toMatchObject({ added: 3, requests: 5 });

    const before = pdfs.requests.length;
    const second = await cli(dir, ['refresh', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(pdfs.requests.length).toBe(before);
  });

  it('pdf import adds a paper missing from the library from arXiv by its stamp; offline it keeps nothing and says why', { timeout: 120_000 }, async () => {
    api = await startReplayServer();
    const dir = tempDir('papershelf-pdf-import-arxiv-');
    fetchJobsFor(dir).environment = { clock: new TestClock(), retry: { backoffMs: 10, retries: 0 } };
    const files = tempDir('papershelf-pdf-import-files-');
    const stamped = join(files, 'stamped.pdf');
    const body = makePdf({ title: 'Someone else’s title', stamp: 'arXiv:2202.12139v1 [cs.LG] 24 Feb 2022' });
    writeFileSync(stamped, body);

    const offline = await cli(dir, ['pdf', 'import', stamped], { PAPERSHELF_ARXIV_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/stamped\.pdf: its paper \(arXiv 2202\.12139\) is not in the library and arXiv could not be asked for it \(.+\); nothing was kept/);
    expect(existsSync(join(dir, 'pdfs', '2202.12139.pdf'))).toBe(false);
    expect((await cli(dir, ['stats', '--json'], {})).json()).toMatchObject({ papers: 0, pdfs: { count: 0 } });

    const online = await cli(dir, ['pdf', 'import', stamped, '--json'], { PAPERSHELF_ARXIV_URL: api.url });
    expect(online.code, online.stderr).toBe(0);
    expect(online.json()).toEqual({ files: [{ file: stamped, id: '2202.12139', by: 'arxiv-stamp', bytes: body.length, added: true }] });
    expect(api.requests.map((request) => request.query)).toEqual([{ id_list: '2202.12139', max_results: '1' }]);
    expect(readFileSync(join(dir, 'pdfs', '2202.12139.pdf'))).toEqual(body);
    const shown = await cli(dir, ['show', '2202.12139', '--json'], {});
    expect(shown.json()).toMatchObject({ id: '2202.12139', arxivId: '2202.12139' });
  });
});
