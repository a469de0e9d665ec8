/**
 * A local stand-in for huggingface.co and export.arxiv.org: an HTTP server on 127.0.0.1 that answers
 * from the recorded fixtures, pages them like the real APIs, and on request misbehaves the ways real
 * servers do (429 with Retry-After, 500, a hung connection, a cut-off body, an HTML error page).
 * Every request is logged so tests can assert what was asked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixture } from './fixtures.ts';

export type Fault =
  /** `endlessBody`: the error page starts and never ends, so reading it would hang. */
  | { kind: 'status'; status: number; retryAfter?: string; endlessBody?: boolean }
  /** A redirect to `location` (resolved against the server's own URL); `endlessBody` as above. */
  | { kind: 'redirect'; location: string; status?: number; endlessBody?: boolean }
  /** Accepts the connection and never answers. */
  | { kind: 'hang' }
  /** Sends the headers and half of the body, then goes silent. */
  | { kind: 'stall' }
  /** Declares the full length, sends half of the body, then closes the connection. */
  | { kind: 'truncate' }
  /** A web page where JSON or Atom was expected, as proxies and login walls send. */
  | { kind: 'html'; status?: number }
  /** Closes the connection without a response. */
  | { kind: 'reset' };

export interface LoggedRequest {
  path: string;
  query: Record<string, string>;
  userAgent: string | undefined;
  accept: string | undefined;
  /** The fault this request got instead of its answer, if any. */
  fault: Fault['kind'] | null;
  /** The client closed the connection before the answer was complete. */
  closedEarly: boolean;
  /** When the request arrived (Date.now()). */
  at: number;
}

export interface ReplayData {
  /** Daily Papers items per `YYYY-MM-DD`; any other day is empty (`[]`). */
  hfDays: Record<string, unknown[]>;
  /** Atom `<entry>` elements per named feed; a query mentioning `cs.LG` gets `cs.LG`, others `testing`. */
  arxivFeeds: { testing: string[]; 'cs.LG': string[] };
}

export interface ReplayServer {
  url: string;
  requests: LoggedRequest[];
  /** The next `times` requests whose path starts with `path` get `fault` instead of their answer. */
  inject(fault: Fault, options?: { path?: string; times?: number }): void;
  close(): Promise<void>;
}

export const HF_RECORDED_DAY = '2026-06-12';
export const HF_SMALL_DAY = '2026-07-15';

export function fixtureDays(): Record<string, unknown[]> {
  return {
    [HF_RECORDED_DAY]: JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as unknown[],
    [HF_SMALL_DAY]: JSON.parse(readFixture('hf-daily-papers-2026-07-15.json')) as unknown[],
  };
}

const ATOM = { testing: readFixture('arxiv-query-testing.xml'), 'cs.LG': readFixture('arxiv-query-transformer-cs.LG.xml') };

export function atomEntries(xml: string): string[] {
  return xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
}

/** The recorded feed's header with paging numbers for this slice, the slice's entries, and the close. */
function atomPage(recorded: string, entries: string[], start: number, count: number): string {
  const header = recorded
    .slice(0, recorded.indexOf('<entry>'))
    .replace(/(<opensearch:totalResults>)\d+/, `$1${entries.length}`)
    .replace(/(<opensearch:startIndex>)\d+/, `$1${start}`)
    .replace(/(<opensearch:itemsPerPage>)\d+/, `$1${count}`);
  return `${header}${entries.slice(start, start + count).join('\n  ')}\n</feed>\n`;
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>We are down for maintenance</h1></body></html>\n';

function answer(data: ReplayData, path: string, query: Record<string, string>): { status: number; type: string; body: string } {
  if (path === '/api/daily_papers') {
    const items = query.date === undefined ? (data.hfDays[HF_RECORDED_DAY] ?? []) : (data.hfDays[query.date] ?? []);
    const limit = query.limit === undefined ? items.length : Number(query.limit);
    const page = Number(query.p ?? 0);
    return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(items.slice(page * limit, (page + 1) * limit)) };
  }
  if (path === '/api/query') {
    const feed = (query.search_query ?? '').includes('cs.LG') ? 'cs.LG' : 'testing';
    const body = atomPage(ATOM[feed], data.arxivFeeds[feed], Number(query.start ?? 0), Number(query.max_results ?? 10));
    return { status: 200, type: 'application/atom+xml; charset=utf-8', body };
  }
  return { status: 404, type: 'application/json', body: JSON.stringify({ error: 'Not Found' }) };
}

function answerWith(res: ServerResponse, status: number, headers: Record<string, string>, body: string, endless = false): void {
  if (!endless) return void res.writeHead(status, headers).end(body);
  res.writeHead(status, { ...headers, 'content-length': String(1024 * 1024) });
  res.write(body);
}

function misbehave(fault: Fault, res: ServerResponse, body: string): void {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      return answerWith(res, fault.status, headers, JSON.stringify({ error: `status ${fault.status}` }), fault.endlessBody);
    }
    case 'redirect':
      return answerWith(res, fault.status ?? 302, { location: fault.location, 'content-type': 'text/html' }, '<p>Moved</p>', fault.endlessBody);
    case 'html':
      res.writeHead(fault.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
      return;
    case 'hang':
      return;
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, body.length / 2));
      return;
    case 'truncate':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, body.length / 2), () => res.socket?.destroy());
      return;
    case 'reset':
      res.socket?.destroy();
  }
}

export async function startReplayServer(data: Partial<ReplayData> = {}): Promise<ReplayServer> {
  const full: ReplayData = {
    hfDays: data.hfDays ?? fixtureDays(),
    arxivFeeds: data.arxivFeeds ?? { testing: atomEntries(ATOM.testing), 'cs.LG': atomEntries(ATOM['cs.LG']) },
  };
  const requests: LoggedRequest[] = [];
  const faults: { fault: Fault; path: string; left: number }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const pending = faults.find((entry) => entry.left > 0 && url.pathname.startsWith(entry.path));
    if (pending) pending.left--;
    const logged: LoggedRequest = {
      path: url.pathname,
      query,
      userAgent: req.headers['user-agent'],
      accept: req.headers.accept,
      fault: pending?.fault.kind ?? null,
      closedEarly: false,
      at: Date.now(),
    };
    requests.push(logged);
    res.once('close', () => (logged.closedEarly = !res.writableFinished));
    const reply = answer(full, url.pathname, query);
    if (pending) return misbehave(pending.fault, res, reply.body);
    res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': String(Buffer.byteLength(reply.body)) }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(fault, options = {}) {
      faults.push({ fault, path: options.path ?? '/', left: options.times ?? 1 });
    },
    close() {
      // Hung and stalled requests hold their sockets open; close them or the server never stops.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening: connecting to it is refused, as when offline. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
