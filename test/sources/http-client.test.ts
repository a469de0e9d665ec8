import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpClientOptions, type RetryEvent } from '../../src/sources/http-client.ts';
import { userAgent } from '../../src/sources/source-config.ts';
import { closedPort, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { failure, replayClient } from './client-helpers.ts';
import { settle, TestClock } from './test-clock.ts';

const DAY = { query: { date: '2026-07-15' } };
let server: ReplayServer;
let clock: TestClock;

beforeEach(async () => {
  server = await startReplayServer();
  clock = new TestClock();
});
afterEach(() => server.close());

const client = (options: Partial<HttpClientOptions> = {}): HttpClient => replayClient(server.url, clock, options);

describe('HttpClient', () => {
  it('fetches JSON and says who it is', async () => {
    const body = await client().getJson('/api/daily_papers', DAY);
    expect(Array.isArray(body) && body.length).toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.userAgent).toMatch(/^Papershelf\/\d+\.\d+\.\d+ \(desktop reading list; mailto not set\)$/);
    expect(server.requests[0]?.accept).toBe('application/json');
  });

  it('waits as long as Retry-After says, in seconds, then retries', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '7' });
    const retries: RetryEvent[] = [];
    const body = await client({ onRetry: (event) => retries.push(event) }).getJson('/api/daily_papers', DAY);
    expect(Array.isArray(body)).toBe(true);
    expect(clock.sleeps).toEqual([7000]);
    expect(server.requests.map((request) => request.fault)).toEqual(['status', null]);
    expect(retries.map((event) => [event.attempt, event.delayMs, event.error.status])).toEqual([[1, 7000, 429]]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    server.inject({ kind: 'status', status: 503, retryAfter: new Date(clock.now() + 12_000).toUTCString() });
    await client().getJson('/api/daily_papers', DAY);
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('backs off exponentially on 5xx without Retry-After', async () => {
    server.inject({ kind: 'status', status: 500 }, { times: 3 });
    await client({ retry: { backoffMs: 500 } }).getJson('/api/daily_papers', DAY);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
    expect(server.requests).toHaveLength(4);
  });

  it('gives up after its retries with the status in the message', async () => {
    server.inject({ kind: 'status', status: 500 }, { times: 10 });
    const error = await failure(client({ retry: { retries: 2 } }).getJson('/api/daily_papers', DAY));
    expect(server.requests).toHaveLength(3);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toBe(`${new URL(server.url).host} answered HTTP 500 Internal Server Error for /api/daily_papers — your library is unchanged`);
  });

  it('does not wait for a server that asks for a longer pause than allowed', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '3600' });
    const error = await failure(client().getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('asks to wait 3600 s');
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry a request the server refuses', async () => {
    const error = await failure(client().getJson('/api/nothing-here'));
    expect(error.code).toBe('bad-input');
    expect(error.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('times out on a hung connection', async () => {
    server.inject({ kind: 'hang' });
    const error = await failure(client({ timeoutMs: 150, retry: { retries: 0 } }).getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('timeout');
    expect(error.code).toBe('offline');
    expect(error.message).toBe(`timed out: ${new URL(server.url).host} did not respond within 0.2 s — your library is unchanged`);
  });

  it('times out on a body that stops halfway, and retries it', async () => {
    server.inject({ kind: 'stall' });
    const body = await client({ timeoutMs: 150 }).getJson('/api/daily_papers', DAY);
    expect(Array.isArray(body) && body.length).toBe(2);
    expect(server.requests.map((request) => request.fault)).toEqual(['stall', null]);
  });

  it('reports a cut-off body as incomplete, and retries it', async () => {
    server.inject({ kind: 'truncate' }, { times: 2 });
    const error = await failure(client({ retry: { retries: 1 } }).getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('truncated');
    expect(error.message).toMatch(/sent an incomplete response for \/api\/daily_papers \(cut off after \d+ bytes\)/);
    server.inject({ kind: 'truncate' });
    await expect(client().getJson('/api/daily_papers', DAY)).resolves.toHaveLength(2);
  });

  it('reports an HTML page where JSON was expected, without retrying', async () => {
    server.inject({ kind: 'html' });
    const error = await failure(client().getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('not-json');
    expect(error.message).toBe(`${new URL(server.url).host} sent a web page instead of JSON for /api/daily_papers (HTTP 200) — your library is unchanged`);
    expect(server.requests).toHaveLength(1);
  });

  it('says offline, naming the host, when nothing answers', async () => {
    const port = await closedPort();
    const offline = new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, userAgent: userAgent(), clock });
    const error = await failure(offline.getJson('/api/daily_papers', DAY));
    expect(error.code).toBe('offline');
    expect(error.message).toBe(`offline: could not reach 127.0.0.1:${port} — your library is unchanged`);
    // A refused connection is not retried: the user learns at once.
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a connection dropped without an answer', async () => {
    server.inject({ kind: 'reset' });
    await expect(client().getJson('/api/daily_papers', DAY)).resolves.toHaveLength(2);
    expect(server.requests.map((request) => request.fault)).toEqual(['reset', null]);
  });

  it('cancels a request in flight', async () => {
    server.inject({ kind: 'hang' });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).getJson('/api/daily_papers', { ...DAY, signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: 'cancelled: the fetch was stopped — your library is unchanged' });
  });

  it('cancels while waiting to retry, without another request', async () => {
    const manual = new TestClock(false);
    server.inject({ kind: 'status', status: 503, retryAfter: '30' });
    const controller = new AbortController();
    const pending = client({ clock: manual }).getJson('/api/daily_papers', { ...DAY, signal: controller.signal });
    while (manual.sleeping === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await settle();
    expect(server.requests).toHaveLength(1);
  });

  it('tells a cut-off JSON text from a malformed one', async () => {
    const fixed = (text: string): typeof fetch => async () => new Response(text, { headers: { 'content-type': 'application/json' } });
    const cut = await failure(client({ fetch: fixed('[{"paper": {"id": "2607'), retry: { retries: 0 } }).getJson('/x'));
    expect(cut.kind).toBe('truncated');
    const malformed = await failure(client({ fetch: fixed('{"a":}') }).getJson('/x'));
    expect(malformed.kind).toBe('malformed');
    expect(malformed.message).toMatch(/sent malformed JSON for \/x: /);
  });

  it('refuses a body larger than its limit', async () => {
    const error = await failure(client({ maxBytes: 1000 }).getJson('/api/daily_papers', { query: { date: '2026-06-12' } }));
    expect(error.kind).toBe('too-large');
  });
});
