/**
 * `GET /pdf/<paper id>`: a kept PDF's bytes, for the window's reader. Shared by `papershelf serve`
 * (behind the same token and origin checks as /api) and the desktop window's `papershelf://app/pdf/`
 * (main/pdf-protocol.ts). The id is the caller's text: it is checked like the contract's ids and only
 * ever names a file through PdfStore's safe file names, and the file must really lie in `pdfs/`.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { MAX_PAPER_ID_CHARS } from '../model/paper-id.ts';
import { PdfStore } from '../pdfs/pdf-store.ts';
import { BASE_SECURITY_HEADERS } from './content-security.ts';

export const PDF_ROUTE_PREFIX = '/pdf/';

export interface KeptPdfFile {
  path: string;
  size: number;
}

/** The paper id a `/pdf/<id>` path names, or null when it is malformed (bad escapes, control characters, too long). */
export function pdfIdFromPath(pathname: string): string | null {
  if (!pathname.startsWith(PDF_ROUTE_PREFIX)) return null;
  let id: string;
  try {
    id = decodeURIComponent(pathname.slice(PDF_ROUTE_PREFIX.length));
  } catch {
    return null;
  }
  if (id === '' || id !== id.trim() || id.length > MAX_PAPER_ID_CHARS || /[\u0000-\u001f\u007f]/.test(id)) return null;
  return id;
}

/** The kept PDF of a paper, or null when there is none (or its file is not a regular file inside `pdfs/`). */
export async function findKeptPdf(dataDir: string, id: string): Promise<KeptPdfFile | null> {
  const store = new PdfStore(dataDir);
  try {
    const real = await realpath(store.pathOf(id));
    if (dirname(real) !== (await realpath(store.dir))) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=...` against a file of `size` bytes: the range (end inclusive), null when there is
 * no usable Range header (answer the whole file), 'unsatisfiable' for a range past the end (416).
 * Several ranges are answered whole: the reader never asks for them.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [first, last] = [match[1] ?? '', match[2] ?? ''];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Headers of every PDF answer: never cached (the file can be replaced or removed), never sniffed. */
export function pdfHeaders(length: number): Record<string, string> {
  return {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'application/pdf',
    'Content-Length': String(length),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    // Opened directly, the file shows inline and can run nothing of ours.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
}

function sendPlain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** Answers `GET|HEAD /pdf/<id>` once the caller was let in (server.ts checks origin and token first). */
export async function handlePdfRequest(request: IncomingMessage, response: ServerResponse, dataDir: string | undefined, pathname: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendPlain(response, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  const id = pdfIdFromPath(pathname);
  if (id === null) return sendPlain(response, 400, 'Not a paper id\n');
  const file = dataDir === undefined ? null : await findKeptPdf(dataDir, id);
  if (!file) return sendPlain(response, 404, 'No PDF is kept for this paper\n');
  const range = parseByteRange(request.headers.range, file.size);
  if (range === 'unsatisfiable') return sendPlain(response, 416, 'Range not satisfiable\n', { 'Content-Range': `bytes */${file.size}` });
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const headers = pdfHeaders(Math.max(0, end - start + 1));
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
  response.writeHead(range ? 206 : 200, headers);
  if (request.method === 'HEAD' || file.size === 0) return void response.end();
  const stream = createReadStream(file.path, { start, end });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
