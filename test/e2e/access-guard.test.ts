/**
 * Other web pages the user opens can reach 127.0.0.1 too. From a real browser: a page on another
 * origin (even knowing the token), a DNS-rebinding name that resolves to 127.0.0.1, and our own page
 * without the token must all be refused, and the library must stay unchanged.
 */
import './e2e-setup.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../server/serve-process.ts';
import { launchChromium, openPage } from './chromium.ts';
import { api, importFixtures, libraryFolder, removeFolder, requireBuiltWindow, serveLibrary } from './e2e-library.ts';

let dataDir = '';
let serve: ServeProcess;
let foreign: Server;
let foreignOrigin = '';
let browser: Browser;
let paperId = '';

beforeAll(async () => {
  requireBuiltWindow();
  dataDir = libraryFolder();
  importFixtures(dataDir, ['arxiv-2508.07662.bib']);
  serve = await serveLibrary(dataDir);
  paperId = (await api<{ results: Array<{ id: string }> }>(serve, 'listPapers', {})).results[0]!.id;
  // Any other local page: same host, another port, so another origin (but the same site).
  foreign = createServer((_req, res) => res.end('<!doctype html><title>Some other page</title>'));
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  // rebind.test resolves to 127.0.0.1, as an attacker's name does after DNS rebinding.
  browser = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  foreign?.close();
  if (dataDir) removeFolder(dataDir);
});

async function starred(): Promise<boolean> {
  return (await api<{ starred: boolean }>(serve, 'getPaper', { id: paperId })).starred;
}

/** Runs in the attacking page: every way a page can try to reach the API, with a leaked token. */
function attack({ target, token, id }: { target: string; token: string; id: string }) {
  const outcome = async (run: () => Promise<Response>) => {
    try {
      const response = await run();
      return response.type === 'opaque' ? 'opaque' : String(response.status);
    } catch {
      return 'blocked';
    }
  };
  const body = JSON.stringify({ id, starred: true });
  return Promise.all([
    outcome(() => fetch(`${target}/api/setStar`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token }, body })),
    outcome(() => fetch(`${target}/api/setStar`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body })),
    outcome(() => fetch(`${target}/api/getPaper`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token }, body: JSON.stringify({ id }) })),
    new Promise<string>((resolve) => {
      const source = new EventSource(`${target}/api/events?token=${encodeURIComponent(token)}`);
      source.onopen = () => (source.close(), resolve('open'));
      source.onerror = () => (source.close(), resolve('blocked'));
    }),
  ]);
}

describe('the API refuses other origins and hosts', { timeout: 60_000 }, () => {
  it('refuses a page of another origin, even one that knows the token', async () => {
    const { page } = await openPage(browser, foreignOrigin);
    const results = await page.evaluate(attack, { target: serve.origin, token: serve.token, id: paperId });
    // CORS calls fail at the preflight. The no-cors write does reach the server, which refuses it,
    // and Cross-Origin-Resource-Policy hides even the opaque answer from the page.
    expect(results).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(await starred()).toBe(false);
  });

  it('refuses a DNS-rebinding name that resolves to 127.0.0.1', async () => {
    const { page } = await openPage(browser, `http://rebind.test:${serve.port}/`);
    expect(await page.textContent('body')).toContain('Host not allowed');
    const results = await page.evaluate(attack, { target: `http://rebind.test:${serve.port}`, token: serve.token, id: paperId });
    expect(results).toEqual(['403', '403', '403', 'blocked']);
    expect(await starred()).toBe(false);
  });

  it('refuses our own page without the token, and serves it with the token', async () => {
    const { page } = await openPage(browser, `${serve.origin}/`);
    const call = (token: string | null) =>
      page.evaluate(
        async ({ token, id }) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (token !== null) headers['X-Papershelf-Token'] = token;
          const response = await fetch('/api/setStar', { method: 'POST', headers, body: JSON.stringify({ id, starred: true }) });
          return response.status;
        },
        { token, id: paperId },
      );
    expect(await call(null)).toBe(401);
    expect(await call('guessed-token')).toBe(401);
    expect(await starred()).toBe(false);
    expect(await call(serve.token)).toBe(200);
    expect(await starred()).toBe(true);
  });
});
