/**
 * Why a fetch failed, in words a user can act on. Every message ends by saying the library is
 * unchanged, because fetchers hand papers to the library only after the whole fetch succeeded.
 */
import { PapershelfError, type ErrorCode } from '../model/errors.ts';

export type SourceErrorKind =
  | 'offline'
  | 'timeout'
  | 'http'
  | 'rate-limited'
  | 'not-json'
  | 'not-atom'
  | 'malformed'
  | 'truncated'
  | 'too-large'
  | 'redirect';

const UNCHANGED = ' — your library is unchanged';

const CODES: Record<SourceErrorKind, ErrorCode> = {
  offline: 'offline',
  timeout: 'offline',
  http: 'internal',
  'rate-limited': 'internal',
  'not-json': 'internal',
  'not-atom': 'internal',
  malformed: 'internal',
  truncated: 'internal',
  'too-large': 'internal',
  redirect: 'internal',
};

export class SourceError extends PapershelfError {
  constructor(
    readonly kind: SourceErrorKind,
    readonly host: string,
    detail: string,
    /** Worth another attempt: the same request may well succeed in a moment. */
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** The response's `Retry-After` header, when it had one. */
    readonly retryAfter: string | null = null,
  ) {
    // A 4xx other than 429 means the request itself was refused (a bad query, an unknown date).
    const code = kind === 'http' && status !== null && status >= 400 && status < 500 ? 'bad-input' : CODES[kind];
    super(code, `${detail}${UNCHANGED}`);
    this.name = 'SourceError';
  }
}

// Connection errors that mean "no network" or "no such server": retrying would only delay the message.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

function errorCodes(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const codes: string[] = [];
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') codes.push(code);
  const { cause } = error as { cause?: unknown };
  if (cause) codes.push(...errorCodes(cause));
  if (error instanceof AggregateError) for (const inner of error.errors) codes.push(...errorCodes(inner));
  return codes;
}

export function connectionError(host: string, error: unknown): SourceError {
  const codes = errorCodes(error);
  const unresolved = codes.some((code) => UNRESOLVED.has(code));
  const unreachable = unresolved || codes.some((code) => UNREACHABLE.has(code));
  const why = unresolved ? ' (its name could not be looked up)' : '';
  return new SourceError('offline', host, `offline: could not reach ${host}${why}`, !unreachable);
}

export function timeoutError(host: string, timeoutMs: number): SourceError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new SourceError('timeout', host, `timed out: ${host} did not respond within ${seconds} s`, true);
}

export function truncatedError(host: string, path: string, received: number): SourceError {
  return new SourceError('truncated', host, `${host} sent an incomplete response for ${path} (cut off after ${received} bytes)`, true);
}

export function httpError(host: string, path: string, response: Pick<Response, 'status' | 'statusText' | 'headers'>): SourceError {
  const { status, statusText } = response;
  const retryable = status === 408 || status === 429 || status >= 500;
  const text = statusText ? ` ${statusText}` : '';
  const detail = `${host} answered HTTP ${status}${text} for ${path}`;
  return new SourceError('http', host, detail, retryable, status, response.headers.get('retry-after'));
}
