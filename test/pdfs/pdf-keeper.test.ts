/**
 * The PDF operations of the contract in a long-running door (LibraryHost, as serve and the desktop
 * app run it): the keep setting downloads a paper's PDF when it is starred, queued while offline and
 * retried once the network is back; pdfInfo, removePdf, fetchPdfs jobs and importPdfs, with their
 * `pdfs` change events.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/api/contract.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { MAX_IMPORT_PDF_FILES } from '../../src/pdfs/pdf-contract.ts';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { nodeTransport, type FetchLike } from '../../src/sources/node-transport.ts';
import { LibraryHost } from '../../src/window-host/library-host.ts';
import { pdfKeeperTiming } from '../../src/window-host/pdf-keeper-service.ts';
import { cli } from '../cli/run-cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { makePdf } from './make-pdf.ts';
import { backupFile } from './pdf-library.ts';
import { startPdfServer, type PdfServer } from './pdf-server.ts';

let server: PdfServer | null = null;
let host: LibraryHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
  await server?.close();
  server = null;
});

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function openHost(papers: Parameters<typeof backupFile>[0]) {
  const dir = tempDir('papershelf-pdf-keeper-');
  const imported = await cli(dir, ['import', backupFile(papers)]);
  expect(imported.code, imported.stderr).toBe(0);
  server = await startPdfServer();
  const network = { offline: false };
  const send = nodeTransport();
  const fetch: FetchLike = (url, init) => (network.offline ? Promise.reject(new TypeError('fetch failed: network is unreachable')) : send(url, init));
  fetchJobsFor(dir).environment = { env: { ...process.env, PAPERSHELF_ARXIV_PDF_URL: server.url }, fetch, retry: { retries: 0 } };
  host = await LibraryHost.open(dir, { watch: false, searchWorker: false });
  const events: ChangeEvent[] = [];
  host.subscribe((event) => events.push(event));
  const call = async <T>(name: Parameters<LibraryHost['dispatch']>[0], input: unknown): Promise<T> => {
    const result = await (host as LibraryHost).dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { dir, store: new PdfStore(dir), network, events, call, server };
}

describe('PDFs in a long-running door', () => {
  it('downloads a starred paper\'s PDF with the keep setting on, queued while offline and kept once the network is back', { timeout: 90_000 }, async () => {
    Object.assign(pdfKeeperTiming, { startMs: 50, settleMs: 50, retryMs: 300, maxRetryMs: 1_000 });
    const { store, network, events, call, server: pdfs } = await openHost([
      { id: '2606.00011', arxivId: '2606.00011', title: 'To be starred' },
      { id: '2606.00012', arxivId: '2606.00012', title: 'Never starred' },
    ]);
    const body = makePdf({ title: 'To be starred' });
    pdfs.serve('2606.00011', body);
    pdfs.serve('2606.00012', makePdf({ title: 'Never starred' }));
    await call('savePdfSettings', { keep: 'starred' });

    network.offline = true;
    await call('setStar', { id: '2606.00011', starred: true });
    await until('a PDF job failed offline', () => events.some((event) => event.job?.kind === 'pdf' && event.job.state === 'failed'));
    expect(store.keptBytes('2606.00011')).toBeNull();
    expect(pdfs.requests).toEqual([]);

    network.offline = false;
    await until('the PDF is kept and announced', () => events.some((event) => event.kind === 'pdfs'));
    expect(readFileSync(store.pathOf('2606.00011'))).toEqual(body);
    expect(existsSync(store.pathOf('2606.00012'))).toBe(false);
    expect(pdfs.requests.map((request) => request.path)).toEqual(['/pdf/2606.00011']);
    expect(events.filter((event) => event.kind === 'pdfs')).toEqual([expect.objectContaining({ ids: ['2606.00011'] })]);
    expect(await call('pdfInfo', { id: '2606.00011' })).toMatchObject({ kept: true, bytes: body.length, source: 'arxiv', canFetch: true });
    expect(await call('stats', {})).toMatchObject({ pdfs: { count: 1, bytes: body.length } });
  });

  it('pdfInfo, fetchPdfs as a job of kind pdf, removePdf and importPdfs, each announced as a pdfs change', { timeout: 90_000 }, async () => {
    Object.assign(pdfKeeperTiming, { startMs: 60_000 });
    const { store, events, call, server: pdfs } = await openHost([
      { id: '2606.00021', arxivId: '2606.00021', version: 2, title: 'Fetched through the contract', status: 'to-read' },
      { id: 't:nowhere-to-fetch', title: 'Nowhere to fetch' },
    ]);
    const body = makePdf({ title: 'Fetched', stamp: 'arXiv:2606.00021v2 [cs.CL] 12 Jun 2026' });
    pdfs.serve('2606.00021v2', body);
    expect(await call('pdfInfo', { id: 't:nowhere-to-fetch' })).toEqual({ kept: false, bytes: null, fetchedAt: null, source: null, canFetch: false });

    const { job } = await call<{ job: { id: string; kind: string } }>('fetchPdfs', { status: 'to-read' });
    expect(job.kind).toBe('pdf');
    const ended = await fetchJobsFor(store.dataDir).wait(job.id);
    expect(ended).toMatchObject({ state: 'done', added: 1, done: 1, total: 1, requests: 1 });
    expect(readFileSync(store.pathOf('2606.00021'))).toEqual(body);
    expect(events.some((event) => event.kind === 'pdfs' && event.ids.includes('2606.00021'))).toBe(true);

    expect(await call('removePdf', { id: '2606.00021' })).toEqual({ removed: true });
    expect(store.keptBytes('2606.00021')).toBeNull();
    expect(await call('removePdf', { id: '2606.00021' })).toEqual({ removed: false });

    const imported = await call<{ files: unknown[] }>('importPdfs', {
      files: [
        { name: 'stamped.pdf', bytesBase64: body.toString('base64') },
        { name: 'page.html', bytesBase64: Buffer.from('<html>not a pdf</html>').toString('base64') },
      ],
    });
    expect(imported.files).toEqual([
      { name: 'stamped.pdf', outcome: 'matched', id: '2606.00021', by: 'arxiv-stamp', bytes: body.length, reason: null },
      { name: 'page.html', outcome: 'unmatched', id: null, by: null, bytes: 0, reason: expect.any(String) as unknown },
    ]);
    expect(readFileSync(store.pathOf('2606.00021'))).toEqual(body);
    expect((await call('pdfInfo', { id: '2606.00021' })) as object).toMatchObject({ kept: true, source: 'import' });

    const refused = async (input: unknown) => {
      const result = await (host as LibraryHost).dispatch('importPdfs', input);
      return result.ok ? 'accepted' : result.error.message;
    };
    const one = { name: 'a.pdf', bytesBase64: 'JVBERi0=' };
    expect(await refused({ files: Array.from({ length: MAX_IMPORT_PDF_FILES + 1 }, () => one) })).toMatch(/at most 20 files/);
    expect(await refused({ files: [{ name: 'a.pdf', bytesBase64: 'not base64!' }] })).toMatch(/not base64/);
    expect(await refused({ files: [{ name: 'big.pdf', bytesBase64: 'A'.repeat(Math.ceil((64 * 1024 * 1024) / 3) * 4 + 4) }] })).toMatch(/larger than 64 MB/);
  });
});
