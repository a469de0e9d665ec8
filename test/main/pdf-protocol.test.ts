import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPreloadBridge, type IpcRendererLike } from '../../main/preload-bridge.ts';
import { withPdfRoute } from '../../main/pdf-protocol.ts';
import { createProtocolHandler } from '../../main/protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/content-security.ts';
import { PdfStore } from '../../src/pdfs/pdf-store.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { makePdf } from '../pdfs/make-pdf.ts';

/** The handler main.ts installs for papershelf://: the built window, with /pdf/ answered from the data folder. */
async function handler(options: { libraryOpen?: boolean } = {}) {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>');
  const dataDir = join(base, 'data');
  const pdf = makePdf({ pages: [['Page one'], ['Page two']] });
  await new PdfStore(dataDir).keep('2606.00001', pdf);
  writeFileSync(join(base, 'secret.pdf'), '%PDF-1.4 private');
  symlinkSync(join(base, 'secret.pdf'), new PdfStore(dataDir).pathOf('linked'));
  const serve = withPdfRoute(createProtocolHandler(root), () => (options.libraryOpen === false ? null : dataDir));
  return { serve, pdf };
}

describe('papershelf://app/pdf/<paper id>', () => {
  it('serves a kept PDF byte for byte, as application/pdf, never cached', async () => {
    const { serve, pdf } = await handler();
    const response = await serve(new Request('papershelf://app/pdf/2606.00001'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('answers byte ranges', async () => {
    const { serve, pdf } = await handler();
    const response = await serve(new Request('papershelf://app/pdf/2606.00001', { headers: { range: 'bytes=0-7' } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-7/${pdf.length}`);
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('%PDF-1.4');
  });

  it('answers 404 without a kept PDF, for links out of pdfs/, and before the library is open; 400 for a bad id', async () => {
    const { serve } = await handler();
    expect((await serve(new Request('papershelf://app/pdf/2606.99999'))).status).toBe(404);
    expect((await serve(new Request('papershelf://app/pdf/linked'))).status).toBe(404);
    expect((await serve(new Request('papershelf://app/pdf/..%2F..%2Fsecret'))).status).toBe(404);
    expect((await serve(new Request('papershelf://app/pdf/%E0%A4%A'))).status).toBe(400);
    expect((await serve(new Request('papershelf://app/pdf/2606.00001', { method: 'POST', body: 'x' }))).status).toBe(405);
    const closed = await handler({ libraryOpen: false });
    expect((await closed.serve(new Request('papershelf://app/pdf/2606.00001'))).status).toBe(404);
  });

  it('leaves every other address to the window (CSP and all); another host never reaches the PDFs', async () => {
    const { serve } = await handler();
    const page = await serve(new Request('papershelf://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await serve(new Request('papershelf://other/pdf/2606.00001'))).status).toBe(404);
  });

  it('the preload gives the window the address on its own origin, never file://', () => {
    const ipc: IpcRendererLike = { invoke: async () => null, on: () => null, removeListener: () => null, send: () => {} };
    const bridge = createPreloadBridge(ipc, []);
    expect(bridge.pdfUrl('doi:10.1000/x y')).toBe('papershelf://app/pdf/doi%3A10.1000%2Fx%20y');
  });
});
