import { describe, expect, it } from 'vitest';
import type { ApiResult, OperationName } from '../../src/api/contract.ts';
import { createDispatch, type Dispatch } from '../../src/api/dispatch.ts';
import { Library } from '../../src/library/library.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { IPC_INVOKE } from '../../main/ipc-channels.ts';
import { registerIpcRouter, routeInvoke, type InvokeEvent, type RouterDeps } from '../../main/ipc-router.ts';
import { openExternalSafely } from '../../main/shell-operations.ts';

/** The real contract dispatch over an empty library, recording what reached it. */
async function fakeDeps() {
  const dispatched: Array<{ name: string; input: unknown }> = [];
  const opened: string[] = [];
  const saved: unknown[] = [];
  const refused: string[] = [];
  const real = createDispatch(await Library.open(tempDir()));
  const dispatch = ((name: OperationName, input: unknown) => {
    dispatched.push({ name, input });
    return real(name, input);
  }) as Dispatch;
  const deps: RouterDeps = {
    dispatch,
    openExternal: (url) => openExternalSafely({ openExternal: async (safe) => void opened.push(safe) }, url),
    saveFile: async (request) => {
      saved.push(request);
      return true;
    },
    onRefused: (reason) => refused.push(reason),
  };
  return { deps, dispatched, opened, saved, refused };
}

const ownFrame: InvokeEvent = { senderFrame: { url: 'papershelf://app/index.html' } };

describe('IPC router', () => {
  it('runs a contract call from our own page', async () => {
    const { deps, dispatched } = await fakeDeps();
    const result = await routeInvoke(deps, ownFrame, { op: 'stats', input: {} });
    expect(result).toMatchObject({ ok: true, value: { papers: 0, starred: 0 } });
    expect(dispatched).toEqual([{ name: 'stats', input: {} }]);
  });

  it.each([
    ['a web page', 'https://attacker.example/'],
    ['a file: page', 'file:///home/user/papershelf/build/renderer/index.html'],
    ['another custom host', 'papershelf://evil/index.html'],
    ['a look-alike with credentials', 'papershelf://user@app/index.html'],
    ['a data: page', 'data:text/html,<script>1</script>'],
  ])('refuses calls from %s without running anything', async (_what, url) => {
    const { deps, dispatched, opened, refused } = await fakeDeps();
    for (const payload of [
      { op: 'setStar', input: { id: 'x', starred: true } },
      { op: 'openExternal', input: { url: 'https://example.org' } },
    ]) {
      const result = await routeInvoke(deps, { senderFrame: { url } }, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(dispatched).toEqual([]);
    expect(opened).toEqual([]);
    expect(refused).toHaveLength(2);
  });

  it('refuses a call whose frame is gone', async () => {
    const { deps, dispatched } = await fakeDeps();
    expect(await routeInvoke(deps, { senderFrame: null }, { op: 'stats', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['no envelope', undefined],
    ['a string', 'setStar'],
    ['no op', { input: {} }],
    ['a non-string op', { op: 42, input: {} }],
    ['extra fields', { op: 'setStar', input: {}, sender: 'x' }],
  ])('refuses a malformed payload (%s)', async (_what, payload) => {
    const { deps, dispatched } = await fakeDeps();
    expect(await routeInvoke(deps, ownFrame, payload)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(dispatched).toEqual([]);
  });

  it('validates inputs against the contract and refuses unknown operations', async () => {
    const { deps } = await fakeDeps();
    const badInput = (await routeInvoke(deps, ownFrame, { op: 'setStar', input: { id: 'x', starred: 'yes' } })) as ApiResult<unknown>;
    expect(badInput).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('starred') } });
    const tooLong = await routeInvoke(deps, ownFrame, { op: 'search', input: { query: 'x'.repeat(5000) } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const unknown = await routeInvoke(deps, ownFrame, { op: 'deleteEverything', input: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-input', message: 'unknown operation "deleteEverything"' } });
    const inherited = await routeInvoke(deps, ownFrame, { op: 'constructor', input: {} });
    expect(inherited).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('validates shell operations: openExternal takes only http(s), saveFile needs its three fields', async () => {
    const { deps, opened, saved } = await fakeDeps();
    expect(await routeInvoke(deps, ownFrame, { op: 'openExternal', input: { url: 'https://arxiv.org/abs/2508.07662' } })).toEqual({ ok: true, value: true });
    expect(await routeInvoke(deps, ownFrame, { op: 'openExternal', input: { url: 'file:///etc/passwd' } })).toEqual({ ok: true, value: false });
    expect(await routeInvoke(deps, ownFrame, { op: 'openExternal', input: { url: 5 } })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(opened).toEqual(['https://arxiv.org/abs/2508.07662']);
    expect(await routeInvoke(deps, ownFrame, { op: 'saveFile', input: { fileName: 'a.bib' } })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const request = { fileName: 'a.bib', content: '@article{}', mimeType: 'application/x-bibtex' };
    expect(await routeInvoke(deps, ownFrame, { op: 'saveFile', input: request })).toEqual({ ok: true, value: true });
    expect(saved).toEqual([request]);
  });

  it('turns a failing shell operation into a typed error instead of a rejected invoke', async () => {
    const { deps } = await fakeDeps();
    deps.saveFile = async () => {
      throw new Error('disk full');
    };
    const input = { fileName: 'a.bib', content: 'x', mimeType: 'text/plain' };
    expect(await routeInvoke(deps, ownFrame, { op: 'saveFile', input })).toEqual({ ok: false, error: { code: 'internal', message: 'disk full' } });
  });

  it('registers one handler on one channel and removes it again', async () => {
    const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
    const ipc = {
      handle: (channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const { deps } = await fakeDeps();
    const remove = registerIpcRouter(ipc, deps);
    expect([...handlers.keys()]).toEqual([IPC_INVOKE]);
    const answer = await handlers.get(IPC_INVOKE)!({ senderFrame: { url: 'https://x.example/' } }, { op: 'stats', input: {} });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    remove();
    expect(handlers.size).toBe(0);
  });
});
