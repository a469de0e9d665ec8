/**
 * Downloads one PDF into its part file (pdf-store.ts), streaming it to disk: resumed with a Range
 * request when an earlier run left a part of the same file (If-Range: a changed file comes whole),
 * refused at the first bytes when a web page comes instead of a PDF (nothing is written), cut off
 * past the size limit, and retried with backoff (resuming) on 429/5xx, timeouts and dropped
 * connections. It goes through the same request layer, pacing, redirect rule and error wording as
 * the API clients (src/sources/); those read small bodies into memory, a PDF is written as it comes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { PapershelfError } from '../model/errors.ts';
import { cancelledError, type Clock } from '../sources/clock.ts';
import type { FetchLike } from '../sources/node-transport.ts';
import type { Pacer, Slot } from '../sources/rate-limiter.ts';
import { discard, followRedirects } from '../sources/redirects.ts';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../sources/retry-policy.ts';
import { connectionError, httpError, SourceError, timeoutError, truncatedError } from '../sources/source-error.ts';
import { asDiskRefusal, PRIVATE_FILE_MODE } from '../store/disk-errors.ts';
import { SNIFF_BYTES, startProblem } from './pdf-bytes.ts';
import type { PdfStore } from './pdf-store.ts';
import { PdfRefusedError } from './read-pdf-in-worker.ts';

export interface DownloadOptions {
  userAgent: string;
  /** Longest wait for the answer's headers, and for each piece of its body. */
  timeoutMs: number;
  maxBytes: number;
  retry: RetryPolicy;
  clock: Clock;
  fetch: FetchLike;
  pacer: Pacer;
  signal?: AbortSignal | undefined;
  /** Told of every request sent (redirect hops and retries included). */
  onRequest?: () => void;
  onBytes?: (received: number, total: number | null) => void;
}

function validatorOf(response: Response): string | null {
  const etag = response.headers.get('etag');
  // A weak ETag may not be used in If-Range.
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('last-modified');
}

/** Where a 206 answer's bytes start, from its Content-Range. */
function rangeStart(response: Response): number | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range')?.trim() ?? '');
  return match ? Number(match[1]) : null;
}


/** A failed disk operation, told apart from a failing connection: the disk's words, one line. */
async function onDisk<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    const refusal = asDiskRefusal(error);
    if (refusal instanceof PapershelfError) throw refusal;
    throw new PapershelfError('internal', `cannot write the PDF: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The body's chunks. A reader loop rather than `for await` over the stream: the DOM typings (this file
 * is also type-checked with the window's tests) lack async iteration of streams. Leaving early cancels
 * the body, as the stream's own iterator would.
 */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

class Download {
  private readonly host: string;

  constructor(
    private readonly store: PdfStore,
    private readonly id: string,
    private readonly url: URL,
    private readonly options: DownloadOptions,
  ) {
    this.host = url.host;
  }

  async run(): Promise<void> {
    const { retry, clock, signal } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw cancelledError();
      let slot: Slot | undefined;
      try {
        slot = await this.options.pacer.acquire(signal);
        return await this.once();
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'offline' && !error.retryable) await slot?.unused();
        if (!(error instanceof SourceError) || !error.retryable || attempt >= retry.retries) throw error;
        const wait = parseRetryAfter(error.retryAfter, clock.now()) ?? backoffDelay(retry, attempt);
        if (wait > retry.maxRetryAfterMs) throw error;
        await clock.sleep(wait, signal);
      }
    }
  }

  /** One request (and its redirects): appends to the part, or starts it afresh. */
  private async once(): Promise<void> {
    const { info, bytes: have } = this.store.partState(this.id);
    const resumable = have > 0 && info !== null && info.url === this.url.href && info.validator !== null;
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'application/pdf',
      // Byte ranges count bytes of the encoded body: ask for the file as it is.
      'accept-encoding': 'identity',
    };
    if (resumable) Object.assign(headers, { range: `bytes=${have}-`, 'if-range': info.validator ?? '' });
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), this.options.timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), this.options.timeoutMs);
    };
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, idle.signal]) : idle.signal;
    let response: Response | null = null;
    let received = 0;
    try {
      response = await followRedirects(this.host, this.url, (from) => {
        this.options.onRequest?.();
        return this.options.fetch(from, { headers, signal, redirect: 'manual' });
      });
      touch();
      if (response.status === 416) {
        // The part is no prefix of what the server has now: start again.
        await discard(response);
        await this.store.discardPart(this.id);
        throw new SourceError('http', this.host, `${this.host} could not resume the download`, true, 416);
      }
      if (!response.ok) {
        await discard(response);
        throw httpError(this.host, this.url.pathname, response);
      }
      const appending = response.status === 206 && resumable && rangeStart(response) === have;
      const start = appending ? have : 0;
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      const total = Number.isFinite(declared) ? start + declared : null;
      if (total !== null && total > this.options.maxBytes) {
        await discard(response);
        throw this.tooLarge();
      }
      const written = await this.write(response, appending, start, total, touch, (bytes) => (received = bytes));
      if (total !== null && written < total) throw truncatedError(this.host, this.url.pathname, written - start);
    } catch (error) {
      if (this.options.signal?.aborted) throw cancelledError();
      if (idle.signal.aborted) throw timeoutError(this.host, this.options.timeoutMs);
      // Our own refusals, and the disk's (see onDisk), are said as they are.
      if (error instanceof PapershelfError) throw error;
      // Failing after the headers arrived means the body was cut off; before, the host was unreachable.
      if (response) throw truncatedError(this.host, this.url.pathname, received);
      throw connectionError(this.host, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private tooLarge(): SourceError {
    const limit = Math.round(this.options.maxBytes / 1024 / 1024);
    return new SourceError('too-large', this.host, `the PDF at ${this.host} is larger than ${limit} MB`, false);
  }

  /** Streams the body into the part; returns the part's size. The first bytes of a fresh part must be a PDF's. */
  private async write(response: Response, appending: boolean, start: number, total: number | null, touch: () => void, progress: (bytes: number) => void): Promise<number> {
    let handle: FileHandle | null = null;
    let size = start;
    let head: Uint8Array | null = appending ? null : new Uint8Array(0);
    const type = response.headers.get('content-type');
    try {
      if (!appending) await onDisk(this.store.startPart(this.id, { url: this.url.href, validator: validatorOf(response) }));
      handle = await onDisk(open(this.store.partPath(this.id), appending ? 'a' : 'w', PRIVATE_FILE_MODE));
      for await (const chunk of chunksOf(response.body)) {
        touch();
        let piece: Uint8Array = chunk;
        if (head !== null) {
          // Nothing is written until the start is known to be a PDF's, so a captcha page leaves no part.
          head = Buffer.concat([head, piece]);
          if (head.byteLength < SNIFF_BYTES) continue;
          piece = head;
          head = null;
          const problem = startProblem(piece, type);
          if (problem) throw new PdfRefusedError(problem);
        }
        size += piece.byteLength;
        if (size > this.options.maxBytes) throw this.tooLarge();
        await onDisk(handle.write(piece));
        progress(size);
        this.options.onBytes?.(size, total);
      }
      if (head !== null) {
        const problem = startProblem(head, type);
        if (problem) throw new PdfRefusedError(problem);
        size += head.byteLength;
        await onDisk(handle.write(head));
      }
      await onDisk(handle.sync());
      return size;
    } catch (error) {
      if (error instanceof PdfRefusedError || (error instanceof SourceError && error.kind === 'too-large')) {
        await handle?.close();
        handle = null;
        await this.store.discardPart(this.id);
      }
      throw error;
    } finally {
      await handle?.close();
    }
  }
}

/** Downloads the PDF at `url` into the paper's part file; the caller checks and keeps it. */
export function downloadPdf(store: PdfStore, id: string, url: URL, options: DownloadOptions): Promise<void> {
  return new Download(store, id, url, options).run();
}
