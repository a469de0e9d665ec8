/**
 * `POST /api/<operation>`: reads the JSON body (bounded), runs it through the contract's dispatch and
 * answers with the ApiResult. Transport problems (too large, not JSON, unknown operation) answer in
 * the same `{ok:false, error}` shape so the window handles one kind of failure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOperationName, MAX_IMPORT_CHARS, type ApiResult } from '../api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { errorLine } from '../api/error-text.ts';
import { asCaller, callerFromHeaders } from '../window-host/search-caller.ts';
import { BASE_SECURITY_HEADERS } from './content-security.ts';
import { single } from './request-guard.ts';

/** A browser tab's name for itself, and its count of searches (see search-caller.ts). */
export const TAB_HEADER = 'x-papershelf-tab';
export const SEQUENCE_HEADER = 'x-papershelf-seq';

/**
 * The largest import the contract accepts (MAX_IMPORT_CHARS characters), with room for what JSON
 * adds to it: escaped quotes, backslashes and newlines, and multi-byte UTF-8. Anything larger cannot
 * be a valid call, so it is refused before it is buffered.
 */
export const MAX_BODY_BYTES = 2 * MAX_IMPORT_CHARS;

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

export function sendJson(response: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** Transport errors read like the contract's: one line, at most 300 characters (an operation name is the caller's text). */
export function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { ok: false, error: { code, message: errorLine(message) } });
}

function isJsonContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function readJsonBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ ok: false, status: 413, message: `request body is larger than ${limit} bytes` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, status: 413, message: `request body is larger than ${limit} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => finish({ ok: false, status: 400, message: 'the request was interrupted' }));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return finish({ ok: true, value: {} });
      try {
        finish({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        finish({ ok: false, status: 400, message: 'request body is not valid JSON' });
      }
    });
  });
}

export async function handleApiCall(
  request: IncomingMessage,
  response: ServerResponse,
  operation: string,
  dispatch: Dispatch,
  limit = MAX_BODY_BYTES,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return sendError(response, 405, 'bad-input', 'operations are called with POST');
  }
  if (!isOperationName(operation)) return sendError(response, 404, 'bad-input', `unknown operation "${operation}"`);
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant.
  if (!isJsonContentType(request.headers['content-type'])) {
    return sendError(response, 415, 'bad-input', 'operations take a JSON body (Content-Type: application/json)');
  }
  const body = await readJsonBody(request, limit);
  if (!body.ok) {
    // Stop reading a body we refused instead of buffering the rest of it.
    if (body.status === 413) response.setHeader('Connection', 'close');
    sendError(response, body.status, 'bad-input', body.message);
    if (body.status === 413) response.on('finish', () => request.destroy());
    return;
  }
  // A tab that names itself has its newer searches replace its older ones (search-caller.ts).
  const caller = callerFromHeaders(single(request.headers[TAB_HEADER]), single(request.headers[SEQUENCE_HEADER]));
  const result = await asCaller(caller, () => dispatch(operation, body.value));
  sendJson(response, 200, result);
}
