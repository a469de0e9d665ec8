import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src/api/contract.ts';
import { IPC_CHANGE, IPC_FLUSH, IPC_FLUSHED, IPC_INVOKE, IPC_MENU } from '../../main/ipc-channels.ts';
import { createPreloadBridge } from '../../main/preload-bridge.ts';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpcRenderer(answer: unknown = { ok: true, value: true }) {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  return {
    invoked,
    sent,
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: 'the-ipc-renderer' }, payload)),
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
    ipc: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return answer;
      },
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => void listeners.get(channel)?.delete(listener),
      send: (...args: unknown[]) => void sent.push(args),
    },
  };
}

describe('preload bridge (window.papershelf)', () => {
  it('is named functions only: one per operation plus onChange, onMenu, openExternal, pdfUrl, saveFile, onQuitRequest', () => {
    const bridge = createPreloadBridge(fakeIpcRenderer().ipc, OPERATION_NAMES);
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onChange', 'onMenu', 'onQuitRequest', 'openExternal', 'pdfUrl', 'saveFile'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('sends every operation through the one invoke channel as {op, input}', async () => {
    const fake = fakeIpcRenderer({ ok: true, value: { total: 0, results: [] } });
    const bridge = createPreloadBridge(fake.ipc, OPERATION_NAMES);
    expect(await bridge.search({ query: 'lunr' })).toEqual({ ok: true, value: { total: 0, results: [] } });
    await bridge.stats(undefined as never);
    expect(fake.invoked).toEqual([
      [IPC_INVOKE, { op: 'search', input: { query: 'lunr' }, seq: 1 }],
      [IPC_INVOKE, { op: 'stats', input: {} }],
    ]);
  });

  it("numbers a window's searches: pages of one search share a number, another search gets the next", async () => {
    const fake = fakeIpcRenderer({ ok: true, value: { total: 0, results: [] } });
    const bridge = createPreloadBridge(fake.ipc, OPERATION_NAMES);
    await bridge.search({ query: 'sparse', limit: 100 });
    await bridge.search({ query: 'sparse', offset: 100, limit: 100 });
    await bridge.search({ query: 'sparse attention', limit: 100 });
    await bridge.search({ query: 'sparse attention', starred: true, limit: 100 });
    expect(fake.invoked.map((call) => (call[1] as { seq?: number }).seq)).toEqual([1, 1, 2, 3]);
  });

  it('gives listeners the payload only, never the IPC event, and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const bridge = createPreloadBridge(fake.ipc, OPERATION_NAMES);
    const changes: unknown[][] = [];
    const menus: unknown[][] = [];
    const stopChanges = bridge.onChange((...args) => changes.push(args));
    const stopMenu = bridge.onMenu((...args) => menus.push(args));
    const event = { kind: 'annotations', ids: ['x'], at: '2026-01-01T00:00:00.000Z' };
    fake.emit(IPC_CHANGE, event);
    fake.emit(IPC_MENU, 'find');
    expect(changes).toEqual([[event]]);
    expect(menus).toEqual([['find']]);
    stopChanges();
    stopMenu();
    expect(fake.count(IPC_CHANGE)).toBe(0);
    expect(fake.count(IPC_MENU)).toBe(0);
    fake.emit(IPC_CHANGE, event);
    expect(changes).toHaveLength(1);
  });

  it('answers openExternal and saveFile with a plain boolean', async () => {
    const yes = fakeIpcRenderer({ ok: true, value: true });
    expect(await createPreloadBridge(yes.ipc, OPERATION_NAMES).openExternal('https://arxiv.org')).toBe(true);
    expect(yes.invoked).toEqual([[IPC_INVOKE, { op: 'openExternal', input: { url: 'https://arxiv.org' } }]]);
    const refused = fakeIpcRenderer({ ok: false, error: { code: 'bad-input', message: 'x' } });
    expect(await createPreloadBridge(refused.ipc, OPERATION_NAMES).saveFile('a.bib', 'x', 'text/plain')).toBe(false);
  });

  it('answers a quit request only after every listener has finished saving, with the request id', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createPreloadBridge(fake.ipc, OPERATION_NAMES);
    let finishSave: () => void = () => {};
    const calls: unknown[][] = [];
    bridge.onQuitRequest((...args) => {
      calls.push(args);
      return new Promise<void>((resolve) => (finishSave = resolve));
    });
    const stop = bridge.onQuitRequest(() => {
      throw new Error('a broken listener still lets the window close');
    });
    fake.emit(IPC_FLUSH, 7);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([[]]);
    expect(fake.sent).toEqual([]);
    finishSave();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.sent).toEqual([[IPC_FLUSHED, 7]]);

    stop();
    fake.emit(IPC_FLUSH, 8);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(2);
  });
});
