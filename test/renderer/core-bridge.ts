/**
 * A PapershelfBridge for component tests over the real core: a Library opened on a temporary data
 * folder by the same LibraryHost the server and the Electron main process use, reached through the
 * contract's dispatch. Answers and events cross as JSON, as they do over HTTP and IPC, so the window
 * never shares an object with the core. Change events come from the core itself (the library's
 * writes, the fetch registry's progress) through the host, exactly as the doors relay them.
 *
 * What is not the core is recorded rather than imitated: the shell's openExternal/saveFile and the
 * desktop menu. `hold()` delays chosen answers (a slow transport), so tests can check what the window
 * shows before the core answers; `dropEvents()` loses chosen events (a dropped event stream).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { BridgeOperations, MenuAction, PapershelfBridge } from '../../src/api/bridge.ts';
import { OPERATION_NAMES, type ApiResult, type ChangeEvent, type OperationInput, type OperationName, type OperationOutput } from '../../src/api/contract.ts';
import { fetchJobsFor, type FetchEnvironment } from '../../src/library/fetch-jobs.ts';
import type { PaperView } from '../../src/model/paper.ts';
import { LibraryHost } from '../../src/window-host/library-host.ts';

type Call = { name: OperationName; input: unknown };
type Hold = { name: OperationName; match: (input: never) => boolean; gate: Promise<void> };
type Adjust = { name: OperationName; change: (value: never) => unknown };
export type UiState = OperationOutput<'getUiState'>;

const open = new Set<CoreBridge>();
afterEach(async () => {
  for (const bridge of [...open]) await bridge.close();
});

/** No name resolves: a fetch fails as "offline" at once, and no test ever reaches the real network. */
export const noNetwork: LookupFunction = (hostname, _options, callback) => {
  setImmediate(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4));
};

const viaJson = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

// Every contract operation is a method, added by name in the constructor, so an operation added to
// the contract reaches the window under test without a change here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface CoreBridge extends BridgeOperations {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CoreBridge implements PapershelfBridge {
  readonly calls: Call[] = [];
  readonly opened: string[] = [];
  readonly saved: Array<{ fileName: string; content: string; mimeType: string }> = [];
  private readonly holds: Hold[] = [];
  private readonly adjustments: Adjust[] = [];
  private readonly changeListeners = new Set<(event: ChangeEvent) => void>();
  private readonly menuListeners = new Set<(action: MenuAction) => void>();
  private dropped: (event: ChangeEvent) => boolean = () => false;
  private readonly stopEvents: () => void;

  private constructor(
    readonly dataDir: string,
    readonly host: LibraryHost,
  ) {
    const operations: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of OPERATION_NAMES) operations[name] = (input) => this.run(name, input as OperationInput<typeof name>);
    Object.assign(this, operations);
    // Delivered after the current turn, as an IPC message or an SSE event arrives after the write.
    this.stopEvents = host.subscribe((event) => {
      const copy = viaJson(event);
      setTimeout(() => {
        if (!this.dropped(copy)) for (const listener of [...this.changeListeners]) listener(copy);
      }, 0);
    });
  }

  /** A fresh, empty data folder with the real core open on it; closed and removed after the test. */
  static async open(network: FetchEnvironment = { lookup: noNetwork }): Promise<CoreBridge> {
    const dataDir = mkdtempSync(join(tmpdir(), 'papershelf-window-'));
    fetchJobsFor(dataDir).environment = network;
    const host = await LibraryHost.open(dataDir, { watch: false });
    const bridge = new CoreBridge(dataDir, host);
    open.add(bridge);
    return bridge;
  }

  async close(): Promise<void> {
    if (!open.delete(this)) return;
    this.stopEvents();
    this.changeListeners.clear();
    await this.host.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Runs an operation on the core directly, as another window or the command line would: not
   * recorded, never held, and its change events reach this window like anyone else's.
   */
  async core<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    const result = await this.host.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return viaJson(result.value);
  }

  /** The paper as the core has it on disk now. */
  paper(id: string): Promise<PaperView> {
    return this.core('getPaper', { id });
  }

  ui(): Promise<UiState> {
    return this.core('getUiState', {});
  }

  /** Answers to matching calls wait until the returned function is called. */
  hold<N extends OperationName>(name: N, match: (input: OperationInput<N>) => boolean = () => true): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ name, match: match as (input: never) => boolean, gate });
    return release;
  }

  /**
   * Changes the core's answers to one operation. Only for states the core cannot be held in on cue
   * (a library still loading its older segments: real loading finishes in milliseconds here).
   */
  adjust<N extends OperationName>(name: N, change: ((value: OperationOutput<N>) => OperationOutput<N>) | null): void {
    const kept = this.adjustments.filter((entry) => entry.name !== name);
    this.adjustments.splice(0, this.adjustments.length, ...kept);
    if (change) this.adjustments.push({ name, change: change as (value: never) => unknown });
  }

  /** Events for which `drop` is true never reach the window, as when its event stream is cut. */
  dropEvents(drop: (event: ChangeEvent) => boolean): void {
    this.dropped = drop;
  }

  /** Resolves once the window has made no call for `ms` (its start-up requests have all gone out). */
  async quiet(ms = 150): Promise<void> {
    let seen = -1;
    while (seen !== this.calls.length) {
      seen = this.calls.length;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }

  callsOf<N extends OperationName>(name: N): Array<OperationInput<N>> {
    return this.calls.filter((call) => call.name === name).map((call) => call.input as OperationInput<N>);
  }

  /** Sends a desktop menu command, as the Electron shell would. */
  menu(action: MenuAction): void {
    for (const listener of this.menuListeners) listener(action);
  }

  private async run<N extends OperationName>(name: N, input: OperationInput<N>): Promise<ApiResult<OperationOutput<N>>> {
    this.calls.push({ name, input: viaJson(input) });
    const hold = this.holds.find((candidate) => candidate.name === name && candidate.match(input as never));
    await (hold?.gate ?? Promise.resolve());
    const result = viaJson(await this.host.dispatch(name, viaJson(input ?? {})));
    const adjust = this.adjustments.find((entry) => entry.name === name);
    if (!result.ok || !adjust) return result;
    return { ok: true, value: adjust.change(result.value as never) as OperationOutput<N> };
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onMenu(listener: (action: MenuAction) => void): () => void {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  /** The shell's rule (main/shell-operations): only http(s) links open. */
  async openExternal(url: string): Promise<boolean> {
    if (!/^https?:\/\//i.test(url)) return false;
    this.opened.push(url);
    return true;
  }

  async saveFile(fileName: string, content: string, mimeType: string): Promise<boolean> {
    this.saved.push({ fileName, content, mimeType });
    return true;
  }
}
