/**
 * `window.papershelf` as the preload builds it: fixed named functions only, one per contract
 * operation, plus onChange/onMenu/openExternal/saveFile/onQuitRequest/pdfUrl. Nothing of ipcRenderer leaks: listeners get
 * the payload, never the IPC event (whose `sender` would give the page the whole ipcRenderer).
 */
import type { BridgeOperations, MenuAction, PapershelfBridge } from '../src/api/bridge.ts';
import type { ApiResult, ChangeEvent, OperationName } from '../src/api/contract.ts';
import { createSearchSequencer } from '../src/api/search-sequence.ts';
import { APP_ORIGIN } from './app-origin.ts';
import { IPC_CHANGE, IPC_FLUSH, IPC_FLUSHED, IPC_INVOKE, IPC_MENU, type ShellOperation } from './ipc-channels.ts';

type IpcListener = (event: unknown, payload: unknown) => void;

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
  send(channel: string, ...args: unknown[]): void;
}

/** Desktop only: the window is about to close; the listener saves what it holds (may return a promise). */
export interface QuitFlushBridge {
  onQuitRequest(listener: () => unknown): () => void;
}

/** Where the reader loads a paper's kept PDF: the window's own origin (main/pdf-protocol.ts), never file://. */
export interface PdfAddressBridge {
  pdfUrl(id: string): string;
}

/**
 * Runs every quit listener, waits for them all, then tells the main process (which waits a bounded
 * time). The page never sees the request id, and a listener that throws still lets the window close.
 */
function quitRequests(ipc: IpcRendererLike): QuitFlushBridge {
  const listeners = new Set<() => unknown>();
  ipc.on(IPC_FLUSH, (_event, id) => {
    void Promise.allSettled([...listeners].map(async (listener) => listener())).then(() => ipc.send(IPC_FLUSHED, id));
  });
  return {
    onQuitRequest: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function subscribe<T>(ipc: IpcRendererLike, channel: string, listener: (payload: T) => void): () => void {
  const relay: IpcListener = (_event, payload) => listener(payload as T);
  ipc.on(channel, relay);
  return () => void ipc.removeListener(channel, relay);
}

async function shellCall(ipc: IpcRendererLike, op: ShellOperation, input: unknown): Promise<boolean> {
  const result = (await ipc.invoke(IPC_INVOKE, { op, input })) as ApiResult<boolean>;
  return result.ok && result.value === true;
}

/** `operations` is the contract's OPERATION_NAMES (preload.ts gets them from the build; see build.mjs). */
export function createPreloadBridge(ipc: IpcRendererLike, operations: readonly OperationName[]): PapershelfBridge & QuitFlushBridge & PdfAddressBridge {
  // Searches carry the window's count of them, so the main process drops superseded ones.
  const searchSequence = createSearchSequencer();
  const calls = Object.fromEntries(
    operations.map((op) => [
      op,
      (input: unknown) => ipc.invoke(IPC_INVOKE, op === 'search' ? { op, input: input ?? {}, seq: searchSequence(input) } : { op, input: input ?? {} }),
    ]),
  ) as unknown as BridgeOperations;
  return {
    ...calls,
    onChange: (listener) => subscribe<ChangeEvent>(ipc, IPC_CHANGE, listener),
    onMenu: (listener) => subscribe<MenuAction>(ipc, IPC_MENU, listener),
    openExternal: (url) => shellCall(ipc, 'openExternal', { url }),
    saveFile: (fileName, content, mimeType) => shellCall(ipc, 'saveFile', { fileName, content, mimeType }),
    pdfUrl: (id) => `${APP_ORIGIN}/pdf/${encodeURIComponent(id)}`,
    ...quitRequests(ipc),
  };
}
