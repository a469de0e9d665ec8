/**
 * `papershelf://app/` serves the built window (build/renderer) with the same CSP and headers as
 * `papershelf serve`. The scheme must be registered as privileged (standard + secure) before the app
 * is ready, so that it has a real origin for `'self'`, storage and fetch.
 */
import { readFile } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CustomScheme } from 'electron';
import { securityHeaders } from '../src/server/content-security.ts';
import { contentTypeFor, safeRelativePath } from '../src/server/static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

// The callback API, because Electron's asar layer is known to cover it: the build lives inside app.asar.
const readFileAsync = promisify(readFile);

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...securityHeaders('text/plain'), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The handler for `protocol.handle(APP_SCHEME, ...)`. Paths are checked lexically (no `..`, no
 * encoded escapes, no backslashes): the packaged build is an archive without symlinks.
 */
export function createProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const rel = safeRelativePath(url.pathname);
    if (rel === null) return notFound();
    let body: Buffer;
    try {
      body = await readFileAsync(join(rootDir, ...rel.split('/')));
    } catch {
      return notFound();
    }
    const contentType = contentTypeFor(rel);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...securityHeaders(contentType), 'Content-Type': contentType, 'Cache-Control': 'no-cache' },
    });
  };
}
