import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpClient, HttpClientOptions } from '../../src/sources/http-client.ts';
import { MAX_REDIRECTS, redirectAllowed } from '../../src/sources/redirects.ts';
import { closedPort, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { failure, replayClient } from './client-helpers.ts';
import { TestClock } from './test-clock.ts';

const DAY = { query: { date: '2026-07-15' } };
let server: ReplayServer;
let clock: TestClock;
let port: string;

beforeEach(async () => {
  server = await startReplayServer();
  clock = new TestClock();
  port = new URL(server.url).port;
});
afterEach(() => server.close());

const client = (options: Partial<HttpClientOptions> = {}): HttpClient => replayClient(server.url, clock, options);

describe('redirects from a source server', () => {
  it('follows a redirect within the same host', async () => {
    server.inject({ kind: 'redirect', location: '/api/daily_papers?date=2026-07-15&limit=100&p=0', status: 301 });
    await expect(client().getJson('/api/daily_papers', DAY)).resolves.toHaveLength(2);
    expect(server.requests.map((request) => request.fault)).toEqual(['redirect', null]);
  });

  it('refuses a redirect to another host name, without sending it there and without retrying', async () => {
    // localhost is this very server, so a request that went there would be in its log.
    server.inject({ kind: 'redirect', location: `http://localhost:${port}/api/daily_papers?date=2026-07-15` });
    const error = await failure(client().getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('redirect');
    expect(error.code).toBe('internal');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `127.0.0.1:${port} redirected /api/daily_papers to http://localhost:${port}; Papershelf follows redirects only within the same host or from http to https, so check the source's address — your library is unchanged`,
    );
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses a redirect to another port and does not report it as offline', async () => {
    const other = await closedPort();
    server.inject({ kind: 'redirect', location: `http://127.0.0.1:${other}/api/daily_papers` });
    const error = await failure(client().getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('redirect');
    expect(error.message).not.toMatch(/offline/);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not read the body of a refused redirect: the connection is closed at once', async () => {
    server.inject({ kind: 'redirect', location: `http://localhost:${port}/elsewhere`, endlessBody: true });
    const error = await failure(client({ timeoutMs: 60_000 }).getJson('/api/daily_papers', DAY));
    expect(error.kind).toBe('redirect');
    await expect.poll(() => server.requests[0]?.closedEarly).toBe(true);
  });

  it('does not read the body of an error answer before retrying', async () => {
    server.inject({ kind: 'status', status: 503, endlessBody: true });
    await expect(client({ timeoutMs: 60_000 }).getJson('/api/daily_papers', DAY)).resolves.toHaveLength(2);
    expect(server.requests.map((request) => [request.fault, request.closedEarly])).toEqual([
      ['status', true],
      [null, false],
    ]);
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    server.inject({ kind: 'redirect', location: '/api/daily_papers' }, { times: 100 });
    const error = await failure(client().getJson('/api/daily_papers', DAY));
    expect(error.message).toBe(`127.0.0.1:${port} redirected /api/daily_papers more than ${MAX_REDIRECTS} times — your library is unchanged`);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('redirectAllowed', () => {
  const allowed = (from: string, to: string): boolean => redirectAllowed(new URL(from), new URL(to));

  it('allows the same host and an upgrade of the same host to https', () => {
    expect(allowed('https://huggingface.co/api/x', 'https://huggingface.co/api/y')).toBe(true);
    expect(allowed('http://export.arxiv.org/api/query', 'https://export.arxiv.org/api/query')).toBe(true);
    expect(allowed('http://mirror.test:8080/a', 'https://mirror.test:8080/a')).toBe(true);
  });

  it('refuses another host, another port, a downgrade, credentials and other schemes', () => {
    expect(allowed('https://huggingface.co/a', 'https://evil.test/a')).toBe(false);
    expect(allowed('https://huggingface.co/a', 'https://cdn.huggingface.co/a')).toBe(false);
    expect(allowed('http://127.0.0.1:7000/a', 'http://localhost:7000/a')).toBe(false);
    expect(allowed('http://127.0.0.1:7000/a', 'http://127.0.0.1:7001/a')).toBe(false);
    expect(allowed('http://mirror.test:8080/a', 'https://mirror.test:8443/a')).toBe(false);
    expect(allowed('https://huggingface.co/a', 'http://huggingface.co/a')).toBe(false);
    expect(allowed('https://huggingface.co/a', 'https://user:pw@huggingface.co/a')).toBe(false);
    expect(allowed('https://huggingface.co/a', 'ftp://huggingface.co/a')).toBe(false);
    expect(allowed('http://huggingface.co/a', 'file:///etc/passwd')).toBe(false);
  });
});
