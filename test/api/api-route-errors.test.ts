import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/api/dispatch.ts';
import { handleApiCall } from '../../src/server/api-route.ts';

let server: Server | null = null;
afterEach(() => server?.close());

async function route(limit = 1000): Promise<string> {
  const dispatch = (async () => ({ ok: true, value: {} })) as unknown as Dispatch;
  server = createServer((request, response) => void handleApiCall(request, response, decodeURIComponent(request.url?.slice(5) ?? ''), dispatch, limit));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

async function errorOf(url: string, body: string): Promise<{ status: number; message: string }> {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const json = (await answer.json()) as { ok: false; error: { message: string } };
  return { status: answer.status, message: json.error.message };
}

describe('the HTTP route refuses a bad call with one short line', () => {
  it('an unknown operation with a 5 KB name, with line breaks in it', async () => {
    const base = await route();
    const name = `x\n${'y'.repeat(5_000)}`;
    const { status, message } = await errorOf(base + encodeURIComponent(name), '{}');
    expect(status).toBe(404);
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/^unknown operation "x y+…$/);
  });

  it('a body that is not JSON, and one that is too large', async () => {
    const base = await route(1000);
    expect(await errorOf(`${base}stats`, '{"a":')).toEqual({ status: 400, message: 'request body is not valid JSON' });
    expect(await errorOf(`${base}stats`, JSON.stringify({ a: 'z'.repeat(5000) }))).toEqual({ status: 413, message: 'request body is larger than 1000 bytes' });
  });
});
