/**
 * The request layer under HttpClient, on node:http/https rather than the global `fetch`, because
 * Papershelf needs three things `fetch` does not give: a name lookup with a time budget (with no
 * network, a resolver can wait 10 s or more before saying so), a lookup tests can replace (so a DNS
 * failure is tested without asking a real DNS server), and redirects that are never followed behind
 * the client's back. Answers come back as a web `Response` whose body, when cancelled, closes the
 * connection, so a refused answer is never downloaded.
 */
import { lookup as systemLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** What HttpClient needs of a transport; the global `fetch` is one. */
export type FetchLike = (url: URL, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Resolves host names; `dns.lookup` unless a test gives its own. */
  lookup?: LookupFunction;
  /** A name not resolved within this long counts as no network (EAI_AGAIN). */
  dnsTimeoutMs?: number;
}

/**
 * Name servers answer in well under a second; a resolver with no network can wait 5 s per try. One
 * second keeps "offline" within 2 s of starting a command, at the cost of calling a very slow name
 * server offline too.
 */
export const DNS_TIMEOUT_MS = 1000;

/** `lookup` with a deadline: an answer after it is ignored, and the caller hears EAI_AGAIN instead. */
export function boundedLookup(lookup: LookupFunction, timeoutMs: number): LookupFunction {
  return (hostname, options, callback) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      const error = Object.assign(new Error(`no answer for ${hostname} from the name server within ${timeoutMs / 1000} s`), {
        code: 'EAI_AGAIN',
        hostname,
      });
      callback(error, '', 4);
    }, timeoutMs);
    lookup(hostname, options, (...answer: Parameters<typeof callback>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callback(...answer);
    });
  };
}

function decoder(encoding: string | undefined): Transform | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

function decoded(message: IncomingMessage): Readable {
  const decode = decoder(message.headers['content-encoding']);
  if (!decode) return message;
  // pipeline, not pipe: a connection cut mid-body must fail the decoded stream too, not leave it waiting.
  return pipeline(message, decode, () => {
    // The error, if any, reaches the reader through the decoded stream.
  });
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function toResponse(message: IncomingMessage): Response {
  const body = decoded(message);
  // Cancelling the web stream must close the socket, or a refused answer would go on downloading.
  body.once('close', () => message.destroy());
  const noBody = message.statusCode === 204 || message.statusCode === 304 || (message.statusCode ?? 0) < 200;
  const stream = noBody ? null : (Readable.toWeb(body) as ReadableStream<Uint8Array>);
  if (noBody) message.destroy();
  return new Response(stream, { status: message.statusCode ?? 500, statusText: message.statusMessage ?? '', headers: toHeaders(message) });
}

/** A GET through node:http/https that never follows redirects. */
export function nodeTransport(options: TransportOptions = {}): FetchLike {
  const lookup = boundedLookup(options.lookup ?? (systemLookup as LookupFunction), options.dnsTimeoutMs ?? DNS_TIMEOUT_MS);
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const request = send(url, { method: 'GET', headers, lookup, signal: init.signal ?? undefined }, (message) => resolve(toResponse(message)));
      request.once('error', reject);
      request.end();
    });
}
