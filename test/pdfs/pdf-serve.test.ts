/**
 * The keep setting in a running `papershelf serve` (the bundle, a child process): a starred paper's
 * PDF missing at start is downloaded on its own, and starring a paper through the HTTP API downloads
 * its PDF in the background, byte for byte; an unstarred paper's PDF is never asked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { cli } from '../cli/run-cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { startServe, type ServeProcess } from '../server/serve-process.ts';
import { makePdf } from './make-pdf.ts';
import { backupFile } from './pdf-library.ts';
import { startPdfServer, type PdfServer } from './pdf-server.ts';

let server: PdfServer | null = null;
let serve: ServeProcess | null = null;
const pdfUrlBefore = process.env.PAPERSHELF_ARXIV_PDF_URL;
afterEach(async () => {
  await serve?.stop();
  serve = null;
  await server?.close();
  server = null;
  process.env.PAPERSHELF_ARXIV_PDF_URL = pdfUrlBefore;
});

async function until(what: string, check: () => boolean, timeoutMs = 40_000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - start;
}

describe('papershelf serve keeps PDFs', () => {
  it('downloads the starred papers\' PDFs at start and when a paper is starred through the API', { timeout: 120_000 }, async () => {
    const dir = tempDir('papershelf-pdf-serve-');
    const imported = await cli(dir, [
      'import',
      backupFile([
        { id: '2606.00041', arxivId: '2606.00041', title: 'Starred before the server started', starred: true },
        { id: '2606.00042', arxivId: '2606.00042', title: 'Starred through the API' },
        { id: '2606.00043', arxivId: '2606.00043', title: 'Never starred' },
      ]),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await cli(dir, ['pdf', 'settings', '--keep', 'starred'])).code).toBe(0);
    server = await startPdfServer();
    const bodies = new Map(['2606.00041', '2606.00042', '2606.00043'].map((id) => [id, makePdf({ title: id })]));
    for (const [id, body] of bodies) server.serve(id, body);
    process.env.PAPERSHELF_ARXIV_PDF_URL = server.url;
    serve = await startServe(dir);
    const store = new PdfStore(dir);

    const atStart = await until('the starred paper\'s PDF is kept', () => existsSync(store.pathOf('2606.00041')));
    const api = (name: string, input: unknown) =>
      fetch(`${(serve as ServeProcess).origin}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': (serve as ServeProcess).token },
        body: JSON.stringify(input),
      }).then((response) => response.json() as Promise<{ ok: boolean; value: Record<string, unknown> }>);
    expect(await api('setStar', { id: '2606.00042', starred: true })).toMatchObject({ ok: true });
    const afterStar = await until('the newly starred paper\'s PDF is kept', () => existsSync(store.pathOf('2606.00042')));
    console.log(`serve: starred paper's PDF kept ${atStart} ms after the server printed its address; newly starred one ${afterStar} ms after setStar answered`);

    expect(readFileSync(store.pathOf('2606.00041'))).toEqual(bodies.get('2606.00041'));
    expect(readFileSync(store.pathOf('2606.00042'))).toEqual(bodies.get('2606.00042'));
    expect(await api('pdfInfo', { id: '2606.00042' })).toMatchObject({ ok: true, value: { kept: true, source: 'arxiv' } });
    expect(server.requests.map((request) => request.path).sort()).toEqual(['/pdf/2606.00041', '/pdf/2606.00042']);
    expect(await serve.stop()).toBe(0);
  });
});
