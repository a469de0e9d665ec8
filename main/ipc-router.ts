/**
 * The ONE door from the window into the main process. Every call arrives on one channel as
 * `{op, input}`; before anything runs, the sending frame must be one of our own pages (a foreign page
 * that somehow loaded in a webContents gets nothing), the operation must exist, and its input must
 * pass the contract's zod schema (done by dispatch) or the shell operation's own schema.
 */
import { z } from 'zod';
import type { ApiResult } from '../src/api/contract.ts';
import { describeZodError, type Dispatch } from '../src/api/dispatch.ts';
import { asCaller } from '../src/window-host/search-caller.ts';
import { isAppUrl } from './app-origin.ts';
import { IPC_INVOKE, SHELL_OPERATIONS, type ShellOperation } from './ipc-channels.ts';
import { openExternalInput, saveFileInput, type SaveFileRequest } from './shell-operations.ts';

/** The part of Electron's IpcMainInvokeEvent the router relies on. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
  /** The window's contents: its searches replace each other (search-caller.ts). */
  sender?: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RouterDeps {
  dispatch: Dispatch;
  openExternal(url: string): Promise<boolean>;
  saveFile(request: SaveFileRequest, event: InvokeEvent): Promise<boolean>;
  /** Refused calls, for the log: they mean a bug or an attack. */
  onRefused?(reason: string): void;
}

/** `seq`: the window's count of its searches, so a newer one replaces the older (search-caller.ts). */
const envelope = z.object({ op: z.string().min(1).max(100), input: z.unknown(), seq: z.number().int().nonnegative().optional() }).strict();

function refuse(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function isShellOperation(op: string): op is ShellOperation {
  return (SHELL_OPERATIONS as readonly string[]).includes(op);
}

async function attempt(run: () => Promise<boolean>): Promise<ApiResult<boolean>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return refuse('internal', error instanceof Error ? error.message : String(error));
  }
}

function runShellOperation(deps: RouterDeps, op: ShellOperation, input: unknown, event: InvokeEvent): Promise<ApiResult<boolean>> {
  if (op === 'openExternal') {
    const parsed = openExternalInput.safeParse(input);
    if (!parsed.success) return Promise.resolve(refuse('bad-input', describeZodError(parsed.error)));
    return attempt(() => deps.openExternal(parsed.data.url));
  }
  const parsed = saveFileInput.safeParse(input);
  if (!parsed.success) return Promise.resolve(refuse('bad-input', describeZodError(parsed.error)));
  return attempt(() => deps.saveFile(parsed.data, event));
}

/** Handles one `invoke` from the window; never throws, so the window always gets an ApiResult. */
export async function routeInvoke(deps: RouterDeps, event: InvokeEvent, payload: unknown): Promise<ApiResult<unknown>> {
  const frameUrl = event.senderFrame?.url;
  if (!isAppUrl(frameUrl)) {
    deps.onRefused?.(`IPC from a foreign frame (${String(frameUrl)})`);
    return refuse('unauthorized', 'this page may not call Papershelf');
  }
  const call = envelope.safeParse(payload);
  if (!call.success) {
    deps.onRefused?.(`malformed IPC payload: ${describeZodError(call.error)}`);
    return refuse('bad-input', `malformed call: ${describeZodError(call.error)}`);
  }
  const { op, input, seq } = call.data;
  if (isShellOperation(op)) return runShellOperation(deps, op, input, event);
  // dispatch checks the name against the contract and the input against its schema.
  const caller = event.sender ? { channel: `window:${event.sender.id}`, sequence: seq } : null;
  return asCaller(caller, () => deps.dispatch(op as Parameters<Dispatch>[0], input));
}

/** Installs the router; returns a function that removes it. */
export function registerIpcRouter(ipc: IpcMainLike, deps: RouterDeps): () => void {
  ipc.handle(IPC_INVOKE, (event, payload) => routeInvoke(deps, event, payload));
  return () => ipc.removeHandler(IPC_INVOKE);
}
