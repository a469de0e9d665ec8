/**
 * Who may talk to `papershelf serve`. The server listens on 127.0.0.1, but every web page the user
 * opens can still send requests there, and a DNS-rebinding page can even make them look same-origin.
 * So: the Host must be our own address (defeats rebinding), a browser-declared Origin must be ours
 * (defeats cross-site form posts and fetches), and every /api request must carry the random token
 * that only the printed URL knows (defeats everything else, including other local users' pages).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-papershelf-token';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The exact `Host` values a browser sends for our own pages. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** No Origin (same-origin GETs, curl) is fine; any declared Origin must be one of ours. `null` is not. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/**
 * Fetch metadata, where the browser sends it: `same-site` is refused too, because every port of
 * localhost is the same site as ours.
 */
export function isAllowedFetchSite(site: string | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export type Refusal = { status: number; message: string };

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Host and Origin are checked for every request, files included. Fetch metadata only for /api:
 * following a link to the window from another site is a harmless navigation (the page holds no
 * data), but no other site may call the API.
 */
export function checkOrigin(headers: IncomingHttpHeaders, port: number, api: boolean): Refusal | null {
  if (!isAllowedHost(single(headers.host), port)) {
    return { status: 403, message: 'Host not allowed: open Papershelf at the address `papershelf serve` printed.' };
  }
  if (!isAllowedOrigin(single(headers.origin), port)) return { status: 403, message: 'Cross-origin request refused.' };
  if (api && !isAllowedFetchSite(single(headers['sec-fetch-site']))) return { status: 403, message: 'Cross-site request refused.' };
  return null;
}

export function checkToken(given: string | null | undefined, expected: string): Refusal | null {
  return tokenMatches(given, expected) ? null : { status: 401, message: 'Missing or wrong access token.' };
}
