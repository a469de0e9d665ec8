/** What the HttpClient tests share: a client of the replay server on a virtual clock, and its failures. */
import { expect } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../src/sources/http-client.ts';
import { userAgent } from '../../src/sources/source-config.ts';
import { SourceError } from '../../src/sources/source-error.ts';
import type { TestClock } from './test-clock.ts';

export function replayClient(url: string, clock: TestClock, options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({ baseUrl: url, userAgent: userAgent(), clock, timeoutMs: 5000, ...options });
}

/** The SourceError `promise` fails with; the test fails if it resolves or fails otherwise. */
export async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}
