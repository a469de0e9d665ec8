/**
 * Which redirects a source server may send Papershelf on: to the same host (same scheme and port), or
 * the same host name upgraded from http to https. Anything else is refused, not followed: a mirror
 * must not be able to send requests (with Papershelf's user agent) to a third party, or from https
 * down to http, and a refusal is a configuration problem to report, never "offline" to retry.
 */
import { SourceError } from './source-error.ts';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where a redirect answer points, resolved against the request's URL; null for any other answer. */
export function redirectTarget(from: URL, response: Pick<Response, 'status' | 'headers'>): URL | null {
  if (!REDIRECT_STATUSES.has(response.status)) return null;
  const location = response.headers.get('location');
  if (location === null) return null;
  try {
    return new URL(location, from);
  } catch {
    return null;
  }
}

export function redirectAllowed(from: URL, to: URL): boolean {
  if (to.username || to.password) return false;
  if (from.protocol === to.protocol) return (to.protocol === 'http:' || to.protocol === 'https:') && from.host === to.host;
  const upgrade = from.protocol === 'http:' && to.protocol === 'https:';
  return upgrade && from.hostname === to.hostname && (to.port === '' || to.port === from.port);
}

function shown(url: URL): string {
  const origin = `${url.protocol}//${url.host}`;
  return origin.length > 100 ? `${origin.slice(0, 100)}…` : origin;
}

/** Throws when the redirect from `from` to `to`, the `hop`-th of this request (from 0), is not to be followed. */
export function checkRedirect(host: string, from: URL, to: URL, hop: number): void {
  if (!redirectAllowed(from, to)) {
    const detail = `${host} redirected ${from.pathname} to ${shown(to)}; Papershelf follows redirects only within the same host or from http to https, so check the source's address`;
    throw new SourceError('redirect', host, detail, false);
  }
  if (hop >= MAX_REDIRECTS) {
    throw new SourceError('redirect', host, `${host} redirected ${from.pathname} more than ${MAX_REDIRECTS} times`, false);
  }
}

/** Drops an answer's body unread; closing the stream closes the connection. */
export async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body was already failing or closed: nothing left to drop.
  }
}

/**
 * Sends a request with `send` and follows the redirects allowed (their bodies dropped unread) to the
 * final answer, which is returned unread. A refused redirect throws (checkRedirect); a failure while
 * following one comes before any answer, so callers report it as a failure to connect.
 */
export async function followRedirects(host: string, url: URL, send: (from: URL) => Promise<Response>): Promise<Response> {
  for (let hop = 0, from = url; ; hop++) {
    const response = await send(from);
    const to = redirectTarget(from, response);
    if (to === null) return response;
    await discard(response);
    checkRedirect(host, from, to, hop);
    from = to;
  }
}
