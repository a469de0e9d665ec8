import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/api/dispatch.ts';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { parseByteRange, pdfIdFromPath } from '../../src/server/pdf-route.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { makePdf } from '../pdfs/make-pdf.ts';
import { send } from './http-client.ts';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

const dispatch = (async () => ({ ok: true, value: null })) as unknown as Dispatch;

/** A server over a data folder where paper `2606.00001` (and one id with a slash) keep a PDF. */
async function serveWithPdfs() {
  const dataDir = tempDir();
  const store = new PdfStore(dataDir);
  const pdf = makePdf({ pages: [['First page'], ['Second page']] });
  await store.keep('2606.00001', pdf);
  await store.keep('doi:10.1000/x.y', pdf);
  const server = await startServer({ library: { dispatch, subscribe: () => () => {} }, staticDir: join(dataDir, 'no-window'), dataDir });
  running.push(server);
  return { dataDir, pdf, server, port: server.port, token: server.token };
}

async function getBytes(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('GET /pdf/<paper id>', () => {
  it('serves a kept PDF, byte for byte, as application/pdf, never cached, to the token holder', async () => {
    const { pdf, port, token } = await serveWithPdfs();
    const { response, bytes } = await getBytes(`http://127.0.0.1:${port}/pdf/2606.00001`, { 'x-papershelf-token': token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(bytes.equals(pdf)).toBe(true);
    // The token may come in the address instead (the reader fetches a URL).
    const byQuery = await getBytes(`http://127.0.0.1:${port}/pdf/${encodeURIComponent('doi:10.1000/x.y')}?token=${encodeURIComponent(token)}`);
    expect(byQuery.response.status).toBe(200);
    expect(byQuery.bytes.equals(pdf)).toBe(true);
  });

  it('answers a byte range with 206 and Content-Range, and 416 past the end', async () => {
    const { pdf, port, token } = await serveWithPdfs();
    const url = `http://127.0.0.1:${port}/pdf/2606.00001`;
    const part = await getBytes(url, { 'x-papershelf-token': token, range: 'bytes=5-104' });
    expect(part.response.status).toBe(206);
    expect(part.response.headers.get('content-range')).toBe(`bytes 5-104/${pdf.length}`);
    expect(part.bytes.equals(pdf.subarray(5, 105))).toBe(true);
    const tail = await getBytes(url, { 'x-papershelf-token': token, range: 'bytes=-6' });
    expect(tail.bytes.toString('latin1')).toBe('%%EOF\n');
    const past = await getBytes(url, { 'x-papershelf-token': token, range: `bytes=${pdf.length}-` });
    expect(past.response.status).toBe(416);
  });

  it('refuses callers without the token, other origins and other sites', async () => {
    const { port, token } = await serveWithPdfs();
    expect((await send(port, { path: '/pdf/2606.00001' })).status).toBe(401);
    expect((await send(port, { path: '/pdf/2606.00001?token=wrong' })).status).toBe(401);
    const foreign = await send(port, { path: `/pdf/2606.00001?token=${token}`, headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const crossSite = await send(port, { path: `/pdf/2606.00001?token=${token}`, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const rebound = await send(port, { path: `/pdf/2606.00001?token=${token}`, headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
  });

  it('answers 404 for a paper without a PDF, 400 for a malformed id, and never leaves pdfs/', async () => {
    const { dataDir, port, token } = await serveWithPdfs();
    writeFileSync(join(dataDir, 'secret.pdf'), '%PDF-1.4 private');
    mkdirSync(join(dataDir, 'pdfs'), { recursive: true });
    symlinkSync(join(dataDir, 'secret.pdf'), new PdfStore(dataDir).pathOf('linked'));
    const status = async (path: string) => (await send(port, { path, headers: { 'x-papershelf-token': token } })).status;
    expect(await status('/pdf/2606.99999')).toBe(404);
    expect(await status('/pdf/linked')).toBe(404);
    expect(await status('/pdf/..%2Fsecret')).toBe(404);
    expect(await status('/pdf/%E0%A4%A')).toBe(400);
    expect(await status('/pdf/%00x')).toBe(400);
    expect(await status(`/pdf/${'x'.repeat(301)}`)).toBe(400);
    expect((await send(port, { method: 'POST', path: '/pdf/2606.00001', headers: { 'x-papershelf-token': token } })).status).toBe(405);
  });

  it('serves nothing without a data folder', async () => {
    const server = await startServer({ library: { dispatch, subscribe: () => () => {} }, staticDir: tempDir() });
    running.push(server);
    expect((await send(server.port, { path: '/pdf/2606.00001', headers: { 'x-papershelf-token': server.token } })).status).toBe(404);
  });
});

describe('pdf route helpers', () => {
  it('reads single byte ranges', () => {
    expect(parseByteRange(undefined, 100)).toBeNull();
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull();
  });

  it('decodes the id of a /pdf/ path', () => {
    expect(pdfIdFromPath('/pdf/2606.00001')).toBe('2606.00001');
    expect(pdfIdFromPath('/pdf/doi%3A10.1000%2Fx')).toBe('doi:10.1000/x');
    expect(pdfIdFromPath('/pdf/')).toBeNull();
    expect(pdfIdFromPath('/pdf/%20x')).toBeNull();
  });
});
