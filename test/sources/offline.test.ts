/**
 * No network fails at once with "offline: …", without retries. A DNS failure is tested with a name
 * under `.invalid` and an injected lookup: on this machine the system resolver would ask a name
 * server elsewhere, and tests send nothing beyond 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/sources/http-client.ts';
import { boundedLookup } from '../../src/sources/node-transport.ts';
import { PacingFile } from '../../src/sources/pacing-file.ts';
import { RateLimiter } from '../../src/sources/rate-limiter.ts';
import { userAgent } from '../../src/sources/source-config.ts';
import { connectionError, SourceError } from '../../src/sources/source-error.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { closedPort } from '../helpers/replay-server.ts';
import { TestClock } from './test-clock.ts';

const DAY = { query: { date: '2026-07-15' } };
const NAME = 'huggingface.invalid';

function failingLookup(code: string, asked: string[]): LookupFunction {
  return (hostname, _options, callback) => {
    asked.push(hostname);
    setImmediate(() => callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }), '', 4));
  };
}

/** The error and how long it took, on the real clock: backoff would show as seconds here. */
async function timedFailure(client: HttpClient): Promise<{ error: SourceError; ms: number }> {
  const started = performance.now();
  const error = await client.getJson('/api/daily_papers', DAY).then(
    () => null,
    (caught: unknown) => caught,
  );
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(SourceError);
  return { error: error as SourceError, ms };
}

describe('no network', () => {
  it('says offline within 2 s when the connection is refused, without retrying', async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const { error, ms } = await timedFailure(new HttpClient({ baseUrl: `http://${host}`, userAgent: userAgent() }));
    console.log(`connection refused -> "offline:" in ${ms.toFixed(0)} ms`);
    expect(error.message).toBe(`offline: could not reach ${host} — your library is unchanged`);
    expect(error.retryable).toBe(false);
    expect(ms).toBeLessThan(2000);
  });

  for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
    it(`says offline within 2 s when the name does not resolve (${code}), asking once`, async () => {
      const asked: string[] = [];
      const client = new HttpClient({ baseUrl: `https://${NAME}`, userAgent: userAgent(), lookup: failingLookup(code, asked) });
      const { error, ms } = await timedFailure(client);
      console.log(`${code} -> "offline:" in ${ms.toFixed(0)} ms`);
      expect(error.code).toBe('offline');
      expect(error.message).toBe(`offline: could not reach ${NAME} (its name could not be looked up) — your library is unchanged`);
      expect(asked).toEqual([NAME]);
      expect(ms).toBeLessThan(2000);
    });
  }

  it('says offline within 2 s when the name server does not answer at all', async () => {
    const asked: string[] = [];
    const silent: LookupFunction = (hostname) => void asked.push(hostname);
    const client = new HttpClient({ baseUrl: `https://${NAME}`, userAgent: userAgent(), lookup: silent, timeoutMs: 30_000 });
    const { error, ms } = await timedFailure(client);
    console.log(`silent name server -> "offline:" in ${ms.toFixed(0)} ms`);
    expect(asked).toEqual([NAME]);
    expect(error.kind).toBe('offline');
    expect(error.retryable).toBe(false);
    expect(ms).toBeLessThan(2000);
  });

  it("does not spend arXiv's turn, here or in the folder's pacing file, on a request that never left", async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const dir = tempDir('papershelf-offline-');
    const clock = new TestClock();
    const limiter = new RateLimiter(3000, clock);
    const pacing = new PacingFile(dir, clock);
    const client = new HttpClient({ baseUrl: `http://${host}`, userAgent: userAgent(), clock, limiter: { acquire: (signal) => limiter.acquire(signal, pacing) } });
    for (let run = 0; run < 2; run++) expect((await timedFailure(client)).error.kind).toBe('offline');
    expect(clock.sleeps).toEqual([]);
    expect(existsSync(pacing.path)).toBe(false);
  });

  it('ignores a late answer once the lookup has given up', async () => {
    let late: (() => void) | null = null;
    const slow: LookupFunction = (_hostname, _options, callback) => {
      late = () => callback(null, '127.0.0.1', 4);
    };
    const answers: unknown[] = [];
    boundedLookup(slow, 20)(NAME, {}, (error) => answers.push((error as NodeJS.ErrnoException | null)?.code ?? null));
    await new Promise((resolve) => setTimeout(resolve, 60));
    (late as (() => void) | null)?.();
    expect(answers).toEqual(['EAI_AGAIN']);
  });

  it('treats an unreachable network as offline and a dropped connection as worth a retry', () => {
    const failure = (code: string): SourceError => connectionError('export.arxiv.org', new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }));
    for (const code of ['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'ECONNREFUSED']) expect(failure(code).retryable).toBe(false);
    expect(failure('ECONNRESET').retryable).toBe(true);
  });
});
