/**
 * Finds the file of the built window (build/renderer) that a URL path names. Shared by the HTTP
 * server and the Electron protocol handler, so both refuse the same escapes: `..` in any encoding,
 * backslashes, NUL bytes, and symlinks that lead outside the folder.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Unknown extensions are served as opaque bytes; with nosniff the browser will not run them. */
export function contentTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/** The path inside the root that a URL path names, or null when it is malformed or tries to leave. */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((part) => part !== '');
  if (parts.some((part) => part === '..' || part === '.')) return null;
  if (parts.length === 0 || decoded.endsWith('/')) parts.push('index.html');
  return parts.join('/');
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // Another drive on Windows gives an absolute `rel`.
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

/** Resolves `urlPath` (the pathname of a request URL, still percent-encoded) to a regular file under `root`. */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const rel = safeRelativePath(urlPath);
  if (rel === null) return null;
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, rel));
    if (!isInside(realRoot, real)) return null;
    const info = await stat(real);
    if (!info.isFile()) return null;
    return { path: real, size: info.size, contentType: contentTypeFor(real) };
  } catch {
    return null;
  }
}
