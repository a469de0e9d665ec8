/**
 * The configured clients for each source. arXiv's always goes through the process-wide limiter and,
 * given the data folder (`pacingDir`), through the folder's pacing file shared with other processes.
 */
import type { Clock } from './clock.ts';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { RateLimiter, sharedArxivLimiter } from './rate-limiter.ts';
import type { SourceConfig } from './source-config.ts';

export type ClientOverrides = Partial<Omit<HttpClientOptions, 'baseUrl' | 'userAgent'>>;

function options(config: SourceConfig, baseUrl: string, overrides: ClientOverrides): HttpClientOptions {
  return { baseUrl, userAgent: config.userAgent, timeoutMs: config.timeoutMs, retry: { retries: config.retries }, ...overrides };
}

export function hfClient(config: SourceConfig, overrides: ClientOverrides = {}): HttpClient {
  return new HttpClient(options(config, config.hfBaseUrl, overrides));
}

/**
 * With an injected clock the limiter runs on that clock too, so tests control the spacing; a virtual
 * clock's times mean nothing to another process, so it is never paced through the folder.
 */
export function arxivClient(config: SourceConfig, overrides: ClientOverrides & { clock?: Clock; pacingDir?: string } = {}): HttpClient {
  const { pacingDir, ...rest } = overrides;
  const limiter =
    rest.limiter ?? (rest.clock ? new RateLimiter(config.arxivIntervalMs, rest.clock) : sharedArxivLimiter(config.arxivIntervalMs, pacingDir));
  return new HttpClient({ ...options(config, config.arxivBaseUrl, rest), limiter });
}
