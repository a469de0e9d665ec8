/** A raw HTTP client for server tests: unlike fetch it lets a test send any Host and Origin. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function send(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A POST to `/api/<op>` as the window sends it. */
export function callApi(port: number, token: string, op: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(port, {
    method: 'POST',
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', 'x-papershelf-token': token, ...headers },
    body: JSON.stringify(input),
  });
}

/** Opens the event stream and collects `data:` payloads until `count` arrived. */
export function readEvents(port: number, token: string, count: number): { events: Promise<unknown[]>; opened: Promise<void>; close(): void } {
  let close = () => {};
  let opened: () => void = () => {};
  const openedPromise = new Promise<void>((resolve) => (opened = resolve));
  const events = new Promise<unknown[]>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { host: `127.0.0.1:${port}` } },
      (res) => {
        const found: unknown[] = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes(': connected')) opened();
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) found.push(JSON.parse(line.slice(6)));
          }
          if (found.length >= count) {
            req.destroy();
            resolve(found);
          }
        });
      },
    );
    req.on('error', (error) => reject(error));
    req.end();
    close = () => req.destroy();
  });
  return { events, opened: openedPromise, close: () => close() };
}
