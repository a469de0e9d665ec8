/**
 * The one way Papershelf talks to a remote service: every request has a timeout (body included),
 * can be cancelled, identifies itself, waits its turn at a rate limiter when one is given, and is
 * retried with backoff on 429/5xx (honouring `Retry-After`), timeouts and dropped connections.
 * No network (a name that does not resolve, a refused connection) fails at once, without retries.
 * Redirects are followed only within the host (see redirects.ts); the body of an answer that is
 * refused or not wanted (an error status, a redirect) is never read: its stream is cancelled.
 * Failures become SourceErrors whose messages say what happened and to which host.
 */
import type { LookupFunction } from 'node:net';
import { cancelledError, systemClock, type Clock } from './clock.ts';
import { nodeTransport, type FetchLike } from './node-transport.ts';
import type { Pacer, Slot } from './rate-limiter.ts';
import { discard, followRedirects } from './redirects.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';
import { connectionError, httpError, SourceError, timeoutError, truncatedError } from './source-error.ts';

export interface HttpClientOptions {
  baseUrl: string;
  userAgent: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Bodies larger than this are refused rather than held in memory. */
  maxBytes?: number;
  clock?: Clock;
  limiter?: Pacer;
  /** The request layer; node:http/https (nodeTransport) unless a test gives its own. */
  fetch?: FetchLike;
  /** Host name lookup for the default request layer (tests inject a failing one). */
  lookup?: LookupFunction;
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: SourceError;
}

export interface RequestOptions<T> {
  query?: Record<string, string | number>;
  signal?: AbortSignal;
  accept: string;
  /** Turns a 2xx body into a result; throws a SourceError for a body of the wrong kind. */
  parse: (body: string, response: Response) => T;
}

interface Received {
  response: Response;
  body: string;
}

export class HttpClient {
  readonly host: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly maxBytes: number;
  private readonly clock: Clock;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.host = base.host;
    this.baseUrl = base.href.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetch ?? nodeTransport({ lookup: options.lookup });
  }

  url(path: string, query: Record<string, string | number> = {}): URL {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    return url;
  }

  async request<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const url = this.url(path, options.query);
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw cancelledError();
      let slot: Slot | undefined;
      try {
        slot = await this.options.limiter?.acquire(options.signal);
        const { response, body } = await this.send(url, options.accept, options.signal);
        return options.parse(body, response);
      } catch (error) {
        // A request that never left this machine did not use the service's allowance.
        if (error instanceof SourceError && error.kind === 'offline' && !error.retryable) await slot?.unused();
        if (!(error instanceof SourceError) || !error.retryable || attempt >= this.policy.retries) throw error;
        const delayMs = this.retryDelay(error, attempt);
        this.options.onRetry?.({ attempt: attempt + 1, delayMs, error });
        await this.clock.sleep(delayMs, options.signal);
      }
    }
  }

  /** A JSON body; an HTML page, a cut-off or malformed body are reported as such. */
  getJson(path: string, options: { query?: Record<string, string | number>; signal?: AbortSignal } = {}): Promise<unknown> {
    return this.request(path, { ...options, accept: 'application/json', parse: (body, response) => this.parseJson(body, response, path) });
  }

  private retryDelay(error: SourceError, attempt: number): number {
    const retryAfter = parseRetryAfter(error.retryAfter, this.clock.now());
    if (retryAfter === null) return backoffDelay(this.policy, attempt);
    if (retryAfter > this.policy.maxRetryAfterMs) {
      const seconds = Math.ceil(retryAfter / 1000);
      throw new SourceError('rate-limited', this.host, `${this.host} asks to wait ${seconds} s before the next request (HTTP ${error.status}); try again later`, false, error.status);
    }
    return retryAfter;
  }

  private async send(url: URL, accept: string, signal?: AbortSignal): Promise<Received> {
    const timeout = new AbortController();
    // Real time on purpose: the injected clock decides waits between requests, not how long a socket may hang.
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    let response: Response | null = null;
    let received = 0;
    try {
      response = await followRedirects(this.host, url, (from) =>
        this.fetchImpl(from, { headers: { 'user-agent': this.options.userAgent, accept }, signal: combined, redirect: 'manual' }),
      );
      if (!response.ok) {
        await discard(response);
        throw httpError(this.host, url.pathname, response);
      }
      const body = await this.readBody(response, url, (bytes) => (received = bytes));
      return { response, body };
    } catch (error) {
      if (signal?.aborted) throw cancelledError();
      if (timeout.signal.aborted) throw timeoutError(this.host, this.timeoutMs);
      if (error instanceof SourceError) throw error;
      // Failing after the headers arrived means the body was cut off; before, the host was unreachable.
      if (response) throw truncatedError(this.host, url.pathname, received);
      throw connectionError(this.host, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readBody(response: Response, url: URL, progress: (bytes: number) => void): Promise<string> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Leaving the loop early cancels the stream, so an oversized body is not downloaded to the end.
    // Node's web streams are async iterables (the DOM typings, also seen by the window's tests, say otherwise).
    const body = (response.body ?? []) as unknown as AsyncIterable<Uint8Array>;
    for await (const chunk of body) {
      total += chunk.byteLength;
      progress(total);
      if (total > this.maxBytes) break;
      chunks.push(chunk);
    }
    if (total > this.maxBytes) {
      const limit = Math.round(this.maxBytes / 1024 / 1024);
      throw new SourceError('too-large', this.host, `${this.host} sent more than ${limit} MB for ${url.pathname}`, false);
    }
    // Without compression the declared length must match; a shorter body was cut off on the way.
    const declared = Number(response.headers.get('content-length'));
    if (!response.headers.get('content-encoding') && declared > total) throw truncatedError(this.host, url.pathname, total);
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  private parseJson(body: string, response: Response, path: string): unknown {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('html') || /^\s*</.test(body)) {
      throw new SourceError('not-json', this.host, `${this.host} sent a web page instead of JSON for ${path} (HTTP ${response.status})`, false, response.status);
    }
    try {
      return JSON.parse(body);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // The parser stopping at the very end of the text means the text stopped early.
      const position = Number(/at position (\d+)/.exec(detail)?.[1] ?? Number.NaN);
      if (/end of JSON input/.test(detail) || position >= body.trimEnd().length) {
        throw truncatedError(this.host, path, Buffer.byteLength(body));
      }
      throw new SourceError('malformed', this.host, `${this.host} sent malformed JSON for ${path}: ${detail}`, false);
    }
  }
}
