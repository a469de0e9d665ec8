import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/api/contract.ts';
import type { Dispatch } from '../../src/api/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/content-security.ts';
import { startServer, type RunningServer, type ServedLibrary } from '../../src/server/server.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { callApi, readEvents, send } from './http-client.ts';

/** A library that answers every call with what it was given, and lets the test emit change events. */
function echoLibrary() {
  const calls: Array<{ name: string; input: unknown }> = [];
  const listeners = new Set<(event: ChangeEvent) => void>();
  const dispatch = (async (name: string, input: unknown) => {
    calls.push({ name, input });
    return { ok: true, value: { echoed: input } };
  }) as unknown as Dispatch;
  const library: ServedLibrary = {
    dispatch,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { library, calls, emit: (event: ChangeEvent) => listeners.forEach((listener) => listener(event)) };
}

function staticFolder(): string {
  const root = join(tempDir(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  return root;
}

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function serve(maxBodyBytes?: number) {
  const fake = echoLibrary();
  const server = await startServer({ library: fake.library, staticDir: staticFolder(), ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  running.push(server);
  return { ...fake, server, port: server.port, token: server.token };
}

describe('papershelf serve: HTTP server', () => {
  it('listens on 127.0.0.1 at a free port and prints a URL carrying the token', async () => {
    const { server } = await serve();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('serves the window with the strict CSP, nosniff and correct types', async () => {
    const { port } = await serve();
    const page = await send(port, { path: '/?token=abc' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<title>Papershelf</title>');
    const script = await send(port, { path: '/assets/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(port, { path: '/assets/../../etc/passwd' })).status).toBe(404);
    expect((await send(port, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
  });

  it('runs an operation with its JSON input and answers the ApiResult', async () => {
    const { port, token, calls } = await serve();
    const response = await callApi(port, token, 'setStar', { id: '2508.07662', starred: true });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { echoed: { id: '2508.07662', starred: true } } });
    expect(calls).toEqual([{ name: 'setStar', input: { id: '2508.07662', starred: true } }]);
  });

  it('refuses /api calls without the token, with a wrong one, or with the token only in the query', async () => {
    const { port, token, calls } = await serve();
    const noToken = await send(port, { method: 'POST', path: '/api/stats', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await callApi(port, `${token}x`, 'stats', {})).status).toBe(401);
    const inQuery = await send(port, { method: 'POST', path: `/api/stats?token=${token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
    expect((await send(port, { path: '/api/events' })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the right token', async () => {
    const { port, token, calls } = await serve();
    expect((await callApi(port, token, 'stats', {}, { host: `attacker.example:${port}` })).status).toBe(403);
    expect((await send(port, { path: '/', headers: { host: `attacker.example:${port}` } })).status).toBe(403);
    expect((await callApi(port, token, 'stats', {}, { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await callApi(port, token, 'stats', {}, { origin: 'http://localhost:1' })).status).toBe(403);
    expect((await callApi(port, token, 'stats', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(calls).toEqual([]);
    const own = await callApi(port, token, 'stats', {}, { origin: `http://localhost:${port}`, host: `localhost:${port}` });
    expect(own.status).toBe(200);
  });

  it('refuses non-JSON bodies, bad JSON, GET calls and unknown operations without running anything', async () => {
    const { port, token, calls } = await serve();
    const form = await send(port, {
      method: 'POST',
      path: '/api/setStar',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-papershelf-token': token },
      body: 'id=1',
    });
    expect(form.status).toBe(415);
    const broken = await send(port, {
      method: 'POST',
      path: '/api/setStar',
      headers: { 'content-type': 'application/json', 'x-papershelf-token': token },
      body: '{"id":',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'bad-input', message: 'request body is not valid JSON' } });
    expect((await send(port, { path: '/api/stats', headers: { 'x-papershelf-token': token } })).status).toBe(405);
    expect((await callApi(port, token, 'deleteEverything', {})).status).toBe(404);
    expect((await callApi(port, token, '__proto__', {})).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('refuses a body over the limit with 413', async () => {
    const { port, token, calls } = await serve(1000);
    const response = await callApi(port, token, 'importText', { text: 'x'.repeat(2000) });
    expect(response.status).toBe(413);
    expect(calls).toEqual([]);
    expect((await callApi(port, token, 'importText', { text: 'x'.repeat(500) })).status).toBe(200);
  });

  it('relays every change event to every open event stream', async () => {
    const { port, token, emit } = await serve();
    const tabA = readEvents(port, token, 2);
    const tabB = readEvents(port, token, 2);
    await Promise.all([tabA.opened, tabB.opened]);
    const first: ChangeEvent = { kind: 'annotations', ids: ['2508.07662'], at: '2026-01-01T00:00:00.000Z' };
    const second: ChangeEvent = { kind: 'papers', ids: ['a', 'b'], at: '2026-01-01T00:00:01.000Z' };
    emit(first);
    emit(second);
    expect(await tabA.events).toEqual([first, second]);
    expect(await tabB.events).toEqual([first, second]);
  });

  it('says how to build the window when build/renderer is missing', async () => {
    const fake = echoLibrary();
    const server = await startServer({ library: fake.library, staticDir: join(tempDir(), 'missing') });
    running.push(server);
    const page = await send(server.port, { path: '/' });
    expect(page.status).toBe(503);
    expect(page.body).toContain('npx vite build');
  });
});
