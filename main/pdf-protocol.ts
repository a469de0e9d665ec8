/**
 * `papershelf://app/pdf/<paper id>`: the desktop window's reader loads kept PDFs from its own origin,
 * never through `file://` (a file: page could read any file the user can). Same rules as `serve`'s
 * `/pdf/` route (src/server/pdf-route.ts): checked id, only files inside `pdfs/`, byte ranges,
 * never cached. Every other address goes to the window's own handler.
 */
import { open } from 'node:fs/promises';
import { BASE_SECURITY_HEADERS } from '../src/server/content-security.ts';
import { findKeptPdf, parseByteRange, pdfHeaders, pdfIdFromPath, PDF_ROUTE_PREFIX } from '../src/server/pdf-route.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

type Handler = (request: Request) => Promise<Response>;

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...BASE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

async function readSlice(path: string, start: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(bytes, read, length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === length ? bytes : bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}

function isPdfAddress(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.pathname.startsWith(PDF_ROUTE_PREFIX);
}

/** Answers the kept PDFs of `dataDir` (a function: the folder is known once the library is open). */
export function createPdfProtocolHandler(dataDir: () => string | null): Handler {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const id = pdfIdFromPath(url.pathname);
    if (id === null) return plain(400, 'Not a paper id');
    const folder = dataDir();
    const file = folder === null ? null : await findKeptPdf(folder, id);
    if (!file) return plain(404, 'No PDF is kept for this paper');
    const range = parseByteRange(request.headers.get('range') ?? undefined, file.size);
    if (range === 'unsatisfiable') return plain(416, 'Range not satisfiable', { 'Content-Range': `bytes */${file.size}` });
    const start = range?.start ?? 0;
    const length = range ? range.end - range.start + 1 : file.size;
    const headers = pdfHeaders(length);
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
    let body: Uint8Array | null = null;
    if (request.method === 'GET') {
      try {
        body = await readSlice(file.path, start, length);
      } catch {
        return plain(404, 'No PDF is kept for this paper');
      }
    }
    return new Response(body, { status: range ? 206 : 200, headers });
  };
}

/** The window's handler with `/pdf/` answered from the kept PDFs. */
export function withPdfRoute(appHandler: Handler, dataDir: () => string | null): Handler {
  const pdfs = createPdfProtocolHandler(dataDir);
  return (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return appHandler(request);
    }
    return isPdfAddress(url) ? pdfs(request) : appHandler(request);
  };
}
