/**
 * A stand-in for arxiv.org's PDF pages and other PDF hosts on 127.0.0.1: serves the PDFs a test
 * registers under `/pdf/<name>` (with an ETag, byte ranges and If-Range, like arxiv.org), and on
 * request misbehaves: a captcha page, a PDF cut short, a 404, a slow body, a connection dropped
 * mid-body. Every request is logged with its time and Range header.
 */
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PdfFault =
  /** An HTML page with status 200, as a captcha wall sends. */
  | 'captcha'
  /** A complete response whose body is the first half of the PDF. */
  | 'truncated'
  | 'not-found'
  /** The body in pieces of `slowChunk` bytes every `slowDelayMs`. */
  | 'slow'
  /** Declares the full length, sends half, then drops the connection (once per registration). */
  | 'drop';

export interface PdfRequest {
  path: string;
  at: number;
  range: string | undefined;
  ifRange: string | undefined;
  userAgent: string | undefined;
  status: number;
}

export interface PdfServer {
  url: string;
  requests: PdfRequest[];
  /** Bytes of PDFs actually sent, per path. */
  sent: Map<string, number>;
  serve(name: string, body: Buffer, fault?: PdfFault): void;
  close(): Promise<void>;
}

const CAPTCHA = '<!DOCTYPE html>\n<html><head><title>Are you a robot?</title></head><body><form>captcha</form></body></html>\n';

export async function startPdfServer(options: { slowChunk?: number; slowDelayMs?: number } = {}): Promise<PdfServer> {
  const files = new Map<string, { body: Buffer; fault: PdfFault | null; etag: string }>();
  const requests: PdfRequest[] = [];
  const sent = new Map<string, number>();
  const chunk = options.slowChunk ?? 4096;
  const delay = options.slowDelayMs ?? 50;

  const send = (res: ServerResponse, path: string, body: Buffer, slow: boolean) => {
    if (!slow) {
      sent.set(path, (sent.get(path) ?? 0) + body.length);
      return void res.end(body);
    }
    let at = 0;
    const next = () => {
      if (res.destroyed) return;
      if (at >= body.length) return void res.end();
      const piece = body.subarray(at, at + chunk);
      at += piece.length;
      sent.set(path, (sent.get(path) ?? 0) + piece.length);
      res.write(piece, () => setTimeout(next, delay));
    };
    next();
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const logged: PdfRequest = { path, at: Date.now(), range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined, userAgent: req.headers['user-agent'], status: 200 };
    requests.push(logged);
    const file = files.get(path);
    const reply = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      logged.status = status;
      res.writeHead(status, headers).end(body);
    };
    if (!file || file.fault === 'not-found') return reply(404, { 'content-type': 'text/html' }, '<html><body>Not found</body></html>');
    if (file.fault === 'captcha') return reply(200, { 'content-type': 'text/html; charset=utf-8' }, CAPTCHA);
    let body = file.fault === 'truncated' ? file.body.subarray(0, file.body.length >> 1) : file.body;
    const headers: Record<string, string> = { 'content-type': 'application/pdf', etag: file.etag, 'accept-ranges': 'bytes' };
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let status = 200;
    if (range && (req.headers['if-range'] === undefined || req.headers['if-range'] === file.etag)) {
      const start = Number(range[1]);
      if (start >= body.length) return reply(416, { 'content-range': `bytes */${body.length}` }, '');
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
      body = body.subarray(start);
      status = 206;
    }
    logged.status = status;
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    if (file.fault === 'drop') {
      file.fault = null;
      const half = body.subarray(0, body.length >> 1);
      sent.set(path, (sent.get(path) ?? 0) + half.length);
      // The drop comes a moment after the bytes, as on a real network: the client has read them.
      return void res.write(half, () => setTimeout(() => res.socket?.destroy(), 200));
    }
    send(res, path, body, file.fault === 'slow');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    serve(name, body, fault) {
      files.set(`/pdf/${name}`, { body, fault: fault ?? null, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
