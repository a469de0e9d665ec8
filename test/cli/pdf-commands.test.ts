import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { makePdf } from '../pdfs/make-pdf.ts';
import { backupFile } from '../pdfs/pdf-library.ts';
import { startPdfServer, type PdfServer } from '../pdfs/pdf-server.ts';
import { cli } from './run-cli.ts';

let server: PdfServer;
beforeAll(async () => {
  server = await startPdfServer();
  process.env.PAPERSHELF_ARXIV_PDF_URL = server.url;
});
afterAll(async () => {
  delete process.env.PAPERSHELF_ARXIV_PDF_URL;
  await server.close();
});

const DOI = '10.1145/3555555.1234';
const TITLE = 'Offline Reading of Research Papers at Scale';

async function library(): Promise<string> {
  const dir = tempDir('papershelf-pdf-cli-');
  const papers = backupFile([
    { id: '2606.13392', arxivId: '2606.13392', version: 2, title: 'Stamped paper on reward models', starred: true, tags: ['ml'] },
    { id: 't:a-paper-found-by-its-doi', title: 'A paper found by its DOI', doi: DOI, status: 'to-read' },
    { id: 't:offline-reading-of-research-papers-at-scale', title: TITLE, status: 'read' },
    { id: 't:on-the-web', title: 'On the web', pdfUrl: `${server.url}/pdf/on-the-web.pdf`, status: 'read' },
    { id: 't:behind-a-captcha', title: 'Behind a captcha', pdfUrl: `${server.url}/pdf/captcha.pdf`, tags: ['walled'] },
  ]);
  const imported = await cli(dir, ['import', papers]);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

describe('papershelf pdf', () => {
  it('fetch chooses papers by --starred, --status and --tag, prints the --json summary, and downloads nothing kept twice', { timeout: 120_000 }, async () => {
    const dir = await library();
    const stamped = makePdf({ title: 'Stamped', stamp: 'arXiv:2606.13392v2 [cs.CL] 12 Jun 2026' });
    const web = makePdf({ title: 'On the web' });
    server.serve('2606.13392v2', stamped);
    server.serve('on-the-web.pdf', web);
    server.serve('captcha.pdf', makePdf(), 'captcha');

    const starred = await cli(dir, ['pdf', 'fetch', '--starred', '--json']);
    expect(starred.code, starred.stderr).toBe(0);
    expect(starred.json()).toEqual({ downloaded: 1, skipped: 0, failed: [], bytes: stamped.length, requests: 1 });
    expect(readFileSync(join(dir, 'pdfs', '2606.13392.pdf'))).toEqual(stamped);

    const read = await cli(dir, ['pdf', 'fetch', '--status', 'read', '--json']);
    expect(read.json()).toMatchObject({ downloaded: 1, failed: [{ id: 't:offline-reading-of-research-papers-at-scale', reason: expect.stringContaining('no PDF address') as unknown }] });
    expect(read.code).toBe(1);
    expect(readFileSync(join(dir, 'pdfs', 't+on-the-web.pdf'))).toEqual(web);

    const walled = await cli(dir, ['pdf', 'fetch', '--tag', 'walled']);
    expect(walled.code).toBe(1);
    expect(walled.stdout).toBe('0 downloaded, 0 already kept, 1 failed (0.0 MB, 1 requests)\n');
    expect(walled.stderr).toContain('papershelf: warning: t:behind-a-captcha: a web page came instead of a PDF (text/html), such as a captcha or an error page\n');
    expect(walled.stderr).toMatch(/papershelf: 1 PDF could not be fetched\n$/);
    expect(existsSync(join(dir, 'pdfs', 't+behind-a-captcha.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'pdfs', 't+behind-a-captcha.pdf.part'))).toBe(false);

    const before = server.requests.length;
    const again = await cli(dir, ['pdf', 'fetch', 'arXiv:2606.13392v2', 't:on-the-web', '--json']);
    expect(again.json()).toEqual({ downloaded: 0, skipped: 2, failed: [], bytes: 0, requests: 0 });
    expect(server.requests.length).toBe(before);

    expect((await cli(dir, ['pdf', 'fetch'])).stderr).toMatch(/name the papers/);
    expect((await cli(dir, ['pdf', 'fetch', '2606.99999'])).code).toBe(2);
  });

  it('import attaches PDFs by arXiv stamp, DOI and title, reports an unmatched one without guessing; path, open and rm use them', { timeout: 120_000 }, async () => {
    const dir = await library();
    const files = tempDir('papershelf-pdf-files-');
    const write = (name: string, bytes: Buffer) => {
      const path = join(files, name);
      writeFileSync(path, bytes);
      return path;
    };
    const stamped = write('stamped.pdf', makePdf({ title: 'Some other title', stamp: 'arXiv:2606.13392v2 [cs.CL] 12 Jun 2026', pages: [['We cite arXiv:2501.00001 here.']] }));
    const doi = write('doi.pdf', makePdf({ pages: [['Proceedings', `DOI: https://doi.org/${DOI}.`]] }));
    const titled = write('titled.pdf', makePdf({ title: TITLE }));
    // Cites a library paper without carrying its stamp: not a match.
    const stranger = write('stranger.pdf', makePdf({ title: 'Unrelated Work on Other Things', pages: [['See arXiv:2606.13392 for details.']] }));

    const run = await cli(dir, ['pdf', 'import', stamped, doi, titled, stranger, '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toEqual({
      files: [
        { file: stamped, id: '2606.13392', by: 'arxiv-stamp', bytes: statSync(stamped).size },
        { file: doi, id: 't:a-paper-found-by-its-doi', by: 'doi', bytes: statSync(doi).size },
        { file: titled, id: 't:offline-reading-of-research-papers-at-scale', by: 'title', bytes: statSync(titled).size },
        { file: stranger, id: null, reason: 'no paper in the library matches its title "Unrelated Work on Other Things"' },
      ],
    });
    expect(run.stderr).toBe(`papershelf: ${stranger}: no paper in the library matches its title "Unrelated Work on Other Things"\n`);
    expect(readFileSync(join(dir, 'pdfs', '2606.13392.pdf'))).toEqual(readFileSync(stamped));

    const kept = [stamped, doi, titled].reduce((sum, file) => sum + statSync(file).size, 0);
    expect((await cli(dir, ['stats', '--json'])).json()).toMatchObject({ papers: 5, pdfs: { count: 3, bytes: kept } });
    expect((await cli(dir, ['stats'])).stdout).toContain(`pdfs:     3 (${(kept / 1024 / 1024).toFixed(1)} MB)\n`);

    const path = await cli(dir, ['pdf', 'path', 'https://arxiv.org/abs/2606.13392']);
    expect(path).toMatchObject({ code: 0, stdout: `${join(dir, 'pdfs', '2606.13392.pdf')}\n` });
    const none = await cli(dir, ['pdf', 'path', 't:on-the-web']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('papershelf: no PDF is kept for t:on-the-web; `papershelf pdf fetch t:on-the-web` downloads it\n');

    const opened = join(files, 'opened.txt');
    const viewer = write('viewer.sh', Buffer.from(`#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`));
    chmodSync(viewer, 0o755);
    process.env.PAPERSHELF_PDF_VIEWER = viewer;
    try {
      expect((await cli(dir, ['pdf', 'open', '2606.13392'])).code).toBe(0);
      for (let i = 0; i < 100 && !existsSync(opened); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(readFileSync(opened, 'utf8')).toBe(`${join(dir, 'pdfs', '2606.13392.pdf')}\n`);
    } finally {
      delete process.env.PAPERSHELF_PDF_VIEWER;
    }

    expect(await cli(dir, ['pdf', 'rm', '2606.13392'])).toMatchObject({ code: 0, stdout: 'deleted the PDF of 2606.13392\n' });
    expect(existsSync(join(dir, 'pdfs', '2606.13392.pdf'))).toBe(false);
    expect((await cli(dir, ['pdf', 'rm', '2606.13392'])).code).toBe(2);
    // Read: the titled one; to-read (the DOI one) stays.
    expect(await cli(dir, ['pdf', 'rm', '--all-read'])).toMatchObject({ code: 0, stdout: 'deleted 1 PDF of papers marked read\n' });
    expect(existsSync(join(dir, 'pdfs', 't+offline-reading-of-research-papers-at-scale.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'pdfs', 't+a-paper-found-by-its-doi.pdf'))).toBe(true);
  });
});
