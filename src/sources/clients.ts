/** The configured clients for each source; arXiv's always goes through the process-wide limiter. */
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

/** With an injected clock the limiter runs on that clock too, so tests control the spacing. */
export function arxivClient(config: SourceConfig, overrides: ClientOverrides & { clock?: Clock } = {}): HttpClient {
  const limiter = overrides.limiter ?? (overrides.clock ? new RateLimiter(config.arxivIntervalMs, overrides.clock) : sharedArxivLimiter(config.arxivIntervalMs));
  return new HttpClient({ ...options(config, config.arxivBaseUrl, overrides), limiter });
}
