/**
 * PapershelfBridge over HTTP, for browser mode (`papershelf serve`): `POST /api/<operation>` with the
 * JSON input and the `X-Papershelf-Token` header; answers are ApiResult JSON. Failures of the
 * transport itself become typed errors too, so callers handle one shape.
 */
import { externalUrl } from '../../src/api/external-url.ts';
import { createSearchSequencer } from '../../src/api/search-sequence.ts';
import { createChangeStream, type EventSourceFactory } from './http-events.ts';
import type { ApiResult, OperationName, PapershelfBridge } from './types.ts';

/** Every operation of the contract; typed as a complete record so a new operation cannot be missed. */
const OPERATIONS: Record<OperationName, true> = {
  importText: true,
  listPapers: true,
  search: true,
  getPaper: true,
  similarPapers: true,
  setStar: true,
  addTags: true,
  removeTags: true,
  listTags: true,
  renameTag: true,
  deleteTag: true,
  setStatus: true,
  applyChanges: true,
  listIds: true,
  enrichPapers: true,
  enrichStatus: true,
  setNote: true,
  appendNote: true,
  noteHistory: true,
  restoreNote: true,
  listDevices: true,
  forgetDevice: true,
  exportPapers: true,
  stats: true,
  getUiState: true,
  saveUiState: true,
  listFollows: true,
  follow: true,
  unfollow: true,
  fetchSource: true,
  refresh: true,
  cancelFetch: true,
  listFetchJobs: true,
  recommend: true,
  pdfInfo: true,
  fetchPdfs: true,
  removePdf: true,
  importPdfs: true,
  getPdfSettings: true,
  savePdfSettings: true,
};

/** Browsers refuse keepalive bodies above 64 KiB; below it a note saved on `pagehide` still arrives. */
const KEEPALIVE_LIMIT = 60_000;

export interface HttpBridgeOptions {
  token: string | null;
  /** Where `/api` lives; the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  openEventSource?: EventSourceFactory;
  openWindow?: (url: string) => void;
  download?: (fileName: string, blob: Blob) => void;
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

function downloadBlob(fileName: string, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function createHttpBridge(options: HttpBridgeOptions): PapershelfBridge {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const token = options.token ?? '';
  // This page's name for itself and the number of each search: the server drops a search of this
  // page that a newer one has superseded (typing fast), instead of answering it late.
  const tab = globalThis.crypto.randomUUID();
  const searchSequence = createSearchSequencer();

  async function call(name: OperationName, input: unknown): Promise<ApiResult<unknown>> {
    const body = JSON.stringify(input ?? {});
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Papershelf-Token': token };
    if (name === 'search') Object.assign(headers, { 'X-Papershelf-Tab': tab, 'X-Papershelf-Seq': String(searchSequence(input)) });
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/${name}`, {
        method: 'POST',
        headers,
        body,
        cache: 'no-store',
        credentials: 'same-origin',
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
    } catch {
      return failure('offline', 'Papershelf is not reachable. Is `papershelf serve` still running?');
    }
    if (response.status === 401 || response.status === 403) {
      return failure('unauthorized', 'This page has no valid access token. Open the address that `papershelf serve` printed.');
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      return failure('internal', `the server answered ${response.status} without a result`);
    }
    return isApiResult(payload) ? payload : failure('internal', `the server answered ${response.status} with an unexpected body`);
  }

  const operations = Object.fromEntries(
    (Object.keys(OPERATIONS) as OperationName[]).map((name) => [name, (input: unknown) => call(name, input)]),
  ) as unknown as Omit<PapershelfBridge, 'onChange' | 'openExternal' | 'saveFile' | 'onMenu' | 'pdfUrl'>;

  const openEventSource = options.openEventSource ?? ((url: string) => new EventSource(url));
  const subscribe = createChangeStream(`${base}/api/events?token=${encodeURIComponent(token)}`, openEventSource);
  const openWindow = options.openWindow ?? ((url: string) => void window.open(url, '_blank', 'noopener,noreferrer'));
  const download = options.download ?? downloadBlob;

  return {
    ...operations,
    onChange: subscribe,
    openExternal: async (url) => {
      const safe = externalUrl(url);
      if (safe === null) return false;
      openWindow(safe);
      return true;
    },
    saveFile: async (fileName, content, mimeType) => {
      download(fileName, new Blob([content], { type: mimeType }));
      return true;
    },
    onMenu: () => () => {},
    // The reader fetches this address itself; the token goes in it as for the event stream.
    pdfUrl: (id) => `${base}/pdf/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`,
  };
}
