/**
 * `papershelf serve`: the window (build/renderer) and the contract over HTTP, on 127.0.0.1 only.
 * Routes: `GET /...` static files, `POST /api/<operation>`, `GET /api/events` (Server-Sent Events),
 * `GET /pdf/<paper id>` (a kept PDF, pdf-route.ts).
 * See request-guard.ts for who is let in.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ChangeEvent } from '../api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { handleApiCall, MAX_BODY_BYTES, sendError } from './api-route.ts';
import { handlePdfRequest, PDF_ROUTE_PREFIX } from './pdf-route.ts';
import { securityHeaders } from './content-security.ts';
import { EventStreamHub } from './event-stream.ts';
import { checkOrigin, checkToken, createAccessToken, single, TOKEN_HEADER } from './request-guard.ts';
import { resolveStaticFile } from './static-files.ts';

/** Where `npx vite build` puts the window. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../build/renderer/', import.meta.url));

/** What the server needs of the library: run operations, hear about changes. */
export interface ServedLibrary {
  dispatch: Dispatch;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

export interface ServerOptions {
  library: ServedLibrary;
  /** 0 (the default) picks any free port. */
  port?: number;
  staticDir?: string;
  token?: string;
  maxBodyBytes?: number;
  /** The library's data folder: its kept PDFs are served at `/pdf/<paper id>` (none without it). */
  dataDir?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The address to open: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...securityHeaders('text/plain'),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

async function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, pathname: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendText(response, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const file = await resolveStaticFile(root, pathname);
  if (!file) {
    const missingBuild = pathname === '/' || pathname === '/index.html';
    return sendText(
      response,
      missingBuild ? 503 : 404,
      missingBuild ? `The window is not built: run \`npx vite build\` (expected ${root}).\n` : 'Not found\n',
    );
  }
  response.writeHead(200, {
    ...securityHeaders(file.contentType),
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    // Vite names assets by content hash, but index.html is not: always revalidate.
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  const stream = createReadStream(file.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? createAccessToken();
  const root = options.staticDir ?? DEFAULT_STATIC_DIR;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const hub = new EventStreamHub();
  const unsubscribe = options.library.subscribe((event) => hub.broadcast(event));
  let port = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    // A kept PDF is the user's data: guarded like the API.
    const isPdf = url.pathname.startsWith(PDF_ROUTE_PREFIX);
    const refusal = checkOrigin(request.headers, port, isApi || isPdf);
    if (refusal) return sendText(response, refusal.status, `${refusal.message}\n`);
    if (!isApi && !isPdf) return serveStatic(request, response, root, url.pathname);

    const isEvents = url.pathname === '/api/events';
    const byQuery = isEvents || isPdf;
    const given = byQuery ? url.searchParams.get('token') ?? single(request.headers[TOKEN_HEADER]) : single(request.headers[TOKEN_HEADER]);
    const denied = checkToken(given, token);
    if (denied) return sendError(response, denied.status, 'unauthorized', denied.message);
    if (isPdf) return handlePdfRequest(request, response, options.dataDir, url.pathname);
    if (isEvents) {
      if (request.method !== 'GET') return sendError(response, 405, 'bad-input', 'the event stream is read with GET');
      return hub.open(response);
    }
    return handleApiCall(request, response, url.pathname.slice('/api/'.length), options.library.dispatch, maxBody);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      sendError(response, 500, 'internal', error instanceof Error ? error.message : String(error));
    });
  });
  // Slow or stalled clients must not pin connections forever; the event stream is exempt (no timeout on responses).
  server.headersTimeout = 20_000;
  server.requestTimeout = 5 * 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${encodeURIComponent(token)}`,
    close: async () => {
      unsubscribe();
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
