import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';
import { fetchPdfs, type PdfFetchEnvironment } from '../../src/pdfs/pdf-fetch-run.ts';
import type { PdfPaper } from '../../src/pdfs/pdf-sources.ts';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { nodeTransport, type FetchLike } from '../../src/sources/node-transport.ts';
import { sourceConfig } from '../../src/sources/source-config.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { closedPort } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import { makePdf } from './make-pdf.ts';
import { startPdfServer, type PdfServer } from './pdf-server.ts';

let server: PdfServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const arxiv = (id: string, version: number | null = null): PdfPaper => ({ id, arxivId: id, version, pdfUrl: null });
const other = (id: string, url: string): PdfPaper => ({ id, arxivId: null, version: null, pdfUrl: url });

/** A run against the local server on a virtual clock, logging the clock's time at every request. */
function setup(extra: Partial<PdfFetchEnvironment> = {}) {
  const clock = new TestClock();
  const sentAt: number[] = [];
  const send = nodeTransport();
  const fetch: FetchLike = (url, init) => {
    sentAt.push(clock.now());
    return send(url, init);
  };
  const store = new PdfStore(tempDir('papershelf-pdfs-'));
  const environment: PdfFetchEnvironment = { env: { PAPERSHELF_ARXIV_PDF_URL: server?.url ?? '' }, clock, fetch, retry: { backoffMs: 10 }, ...extra };
  const config = sourceConfig({ timeoutMs: 5000 }, {});
  return { clock, sentAt, store, run: (papers: PdfPaper[]) => fetchPdfs(papers, store, config, environment) };
}

describe('pdf fetch (the run)', () => {
  it('keeps each PDF byte for byte as served, from the arXiv base with the version, with the User-Agent', { timeout: 60_000 }, async () => {
    server = await startPdfServer();
    const first = makePdf({ title: 'First' });
    const second = makePdf({ title: 'Second', pages: [['one'], ['two']] });
    server.serve('2606.00001v3', first);
    server.serve('elsewhere.pdf', second);
    const { store, run } = setup();
    const { summary, cancelled } = await run([arxiv('2606.00001', 3), other('t:elsewhere', `${server.url}/pdf/elsewhere.pdf`)]);
    expect(cancelled).toBe(false);
    expect(summary).toEqual({ downloaded: 2, skipped: 0, failed: [], bytes: first.length + second.length, requests: 2 });
    expect(readFileSync(store.pathOf('2606.00001'))).toEqual(first);
    expect(readFileSync(store.pathOf('t:elsewhere'))).toEqual(second);
    expect(server.requests.map((request) => request.path)).toEqual(['/pdf/2606.00001v3', '/pdf/elsewhere.pdf']);
    for (const request of server.requests) expect(request.userAgent).toMatch(/^Papershelf\/\S+ \(desktop reading list; /);
    expect(readdirSync(store.dir).sort()).toEqual(['2606.00001.pdf', '2606.00001.pdf.json', 't+elsewhere.pdf', 't+elsewhere.pdf.json']);
    expect(store.meta('2606.00001')?.source).toBe('arxiv');
    expect(store.meta('t:elsewhere')?.source).toBe('url');
  });

  it('refuses a captcha page, a PDF cut short and a 404 per paper, and keeps nothing of them', { timeout: 60_000 }, async () => {
    server = await startPdfServer();
    server.serve('2606.00002', makePdf(), 'captcha');
    server.serve('2606.00003', makePdf({ padding: 5000 }), 'truncated');
    server.serve('2606.00004', makePdf(), 'not-found');
    server.serve('2606.00005', makePdf({ title: 'Fine' }));
    const { store, run } = setup();
    const { summary } = await run([arxiv('2606.00002'), arxiv('2606.00003'), arxiv('2606.00004'), arxiv('2606.00005'), other('t:none', 'ftp://example.org/x.pdf')]);
    expect(summary.downloaded).toBe(1);
    expect(summary.failed).toEqual([
      { id: '2606.00002', reason: 'a web page came instead of a PDF (text/html), such as a captcha or an error page' },
      { id: '2606.00003', reason: expect.stringMatching(/^the PDF is incomplete \(it does not end with %%EOF\)/) as unknown },
      { id: '2606.00004', reason: `${server.url.slice(7)} answered HTTP 404 Not Found for /pdf/2606.00004` },
      { id: 't:none', reason: 'its pdfUrl is not http(s) (ftp:)' },
    ]);
    expect(readdirSync(store.dir).sort()).toEqual(['2606.00005.pdf', '2606.00005.pdf.json']);
  });

  it('stops asking a host that could not be reached twice in a row: the rest are reported as not tried, for next time', { timeout: 60_000 }, async () => {
    const { sentAt, store, run } = setup({ env: { PAPERSHELF_ARXIV_PDF_URL: `http://127.0.0.1:${await closedPort()}` }, retry: { backoffMs: 10, retries: 1 } });
    const { summary } = await run([arxiv('2606.00061'), arxiv('2606.00062'), arxiv('2606.00063'), arxiv('2606.00064')]);
    expect(summary.failed.map((failure) => failure.reason.replace(/127\.0\.0\.1:\d+/, 'HOST'))).toEqual([
      'offline: could not reach HOST',
      'offline: could not reach HOST',
      'not tried: HOST could not be reached (offline?); it is tried again next time',
      'not tried: HOST could not be reached (offline?); it is tried again next time',
    ]);
    // A refused connection is not retried: one request for each of the first two papers, none after.
    expect(summary.requests).toBe(2);
    expect(sentAt).toHaveLength(2);
    expect(store.totals()).toEqual({ count: 0, bytes: 0 });
  });

  it('spaces arXiv requests three seconds apart on the injected clock, and a second run sends none', { timeout: 60_000 }, async () => {
    server = await startPdfServer();
    const ids = ['2606.00011', '2606.00012', '2606.00013'];
    for (const id of ids) server.serve(id, makePdf({ title: id }));
    const { sentAt, run } = setup();
    await run(ids.map((id) => arxiv(id)));
    const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] ?? 0));
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(3000);
    const again = await run(ids.map((id) => arxiv(id)));
    expect(again.summary).toEqual({ downloaded: 0, skipped: 3, failed: [], bytes: 0, requests: 0 });
    expect(server.requests).toHaveLength(3);
  });

  it('resumes a connection dropped mid-body with a Range request, and keeps the bytes served', { timeout: 60_000 }, async () => {
    server = await startPdfServer();
    const pdf = makePdf({ title: 'Dropped', padding: 200_000 });
    server.serve('2606.00021', pdf, 'drop');
    const { store, run } = setup();
    const { summary } = await run([arxiv('2606.00021')]);
    expect(summary).toMatchObject({ downloaded: 1, failed: [], requests: 2 });
    const [firstTry, resumed] = server.requests;
    expect(firstTry?.range).toBeUndefined();
    expect(resumed).toMatchObject({ status: 206, range: expect.stringMatching(/^bytes=\d+-$/) as unknown, ifRange: expect.stringMatching(/^"/) as unknown });
    expect(Number(/\d+/.exec(resumed?.range ?? '')?.[0])).toBeGreaterThan(0);
    expect(readFileSync(store.pathOf('2606.00021'))).toEqual(pdf);
    expect(existsSync(store.partPath('2606.00021'))).toBe(false);
  });

  it('resumes a part an earlier run left; a part of a file that has changed since is downloaded again whole', { timeout: 60_000 }, async () => {
    server = await startPdfServer();
    const pdf = makePdf({ title: 'Resumed', padding: 50_000 });
    server.serve('2606.00031', pdf);
    const { store, run } = setup();
    // What a run killed mid-download leaves: a part, and what it is a part of.
    store.ensureDir();
    writeFileSync(store.partPath('2606.00031'), pdf.subarray(0, 20_000));
    const etag = server.requests.length === 0 ? await currentEtag(server, '2606.00031') : '';
    writeFileSync(`${store.partPath('2606.00031')}.json`, JSON.stringify({ url: `${server.url}/pdf/2606.00031`, validator: etag }));
    await run([arxiv('2606.00031')]);
    expect(server.requests.at(-1)).toMatchObject({ range: 'bytes=20000-', status: 206 });
    expect(readFileSync(store.pathOf('2606.00031'))).toEqual(pdf);

    const changed = makePdf({ title: 'Changed since', padding: 50_000 });
    server.serve('2606.00032', changed);
    writeFileSync(store.partPath('2606.00032'), pdf.subarray(0, 20_000));
    writeFileSync(`${store.partPath('2606.00032')}.json`, JSON.stringify({ url: `${server.url}/pdf/2606.00032`, validator: '"an-older-etag"' }));
    await run([arxiv('2606.00032')]);
    expect(server.requests.at(-1)).toMatchObject({ range: 'bytes=20000-', status: 200 });
    expect(readFileSync(store.pathOf('2606.00032'))).toEqual(changed);
  });

  it('gives up on a response that stalls longer than the timeout, reporting it, and keeps the part for the next run', { timeout: 60_000 }, async () => {
    server = await startPdfServer({ slowChunk: 10_000, slowDelayMs: 3_000 });
    server.serve('2606.00041', makePdf({ padding: 100_000 }), 'slow');
    const { store } = setup();
    const config = sourceConfig({ timeoutMs: 1000 }, {});
    const { summary } = await fetchPdfs([arxiv('2606.00041')], store, config, { env: { PAPERSHELF_ARXIV_PDF_URL: server.url }, clock: new TestClock(), retry: { retries: 0 } });
    expect(summary.failed).toEqual([{ id: '2606.00041', reason: `timed out: ${server.url.slice(7)} did not respond within 1 s` }]);
    expect(existsSync(store.pathOf('2606.00041'))).toBe(false);
    expect(readFileSync(store.partPath('2606.00041')).length).toBe(10_000);
  });
});

/** The ETag the server gives a file, asked once outside the run. */
async function currentEtag(server: PdfServer, name: string): Promise<string> {
  const response = await fetch(`${server.url}/pdf/${name}`);
  await response.arrayBuffer();
  server.requests.length = 0;
  return response.headers.get('etag') ?? '';
}


