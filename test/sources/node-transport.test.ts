import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTransport } from '../../src/sources/node-transport.ts';

const BODY = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ paper: { id: `2607.${String(i).padStart(5, '0')}`, title: 'Attention is all you need, again' } })));
const ENCODERS: Record<string, (data: Buffer) => Buffer> = { gzip: gzipSync, br: brotliCompressSync, deflate: deflateSync };

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('nodeTransport', () => {
  for (const encoding of Object.keys(ENCODERS)) {
    it(`decodes a ${encoding} body, as the real services send`, async () => {
      let asked: string | undefined;
      const url = await serve((req, res) => {
        asked = req.headers['accept-encoding'];
        const encoded = ENCODERS[encoding]?.(Buffer.from(BODY)) ?? Buffer.alloc(0);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': String(encoded.length) }).end(encoded);
      });
      const response = await nodeTransport()(new URL(`${url}/x`), { headers: { accept: 'application/json' } });
      expect(asked).toBe('gzip, deflate, br');
      expect(await response.text()).toBe(BODY);
    });
  }

  it('fails the body when a compressed answer is cut off, instead of waiting for more', async () => {
    const url = await serve((_req, res) => {
      const encoded = gzipSync(Buffer.from(BODY));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(encoded.length) });
      res.write(encoded.subarray(0, encoded.length >> 1), () => res.socket?.destroy());
    });
    const response = await nodeTransport()(new URL(`${url}/x`), {});
    await expect(response.text()).rejects.toThrow();
  });

  it('passes a redirect back instead of following it', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: 'http://localhost/elsewhere' }).end());
    const response = await nodeTransport()(new URL(`${url}/x`), {});
    expect([response.status, response.headers.get('location')]).toEqual([302, 'http://localhost/elsewhere']);
  });
});
