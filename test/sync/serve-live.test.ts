import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from '../cli/run-cli.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { startServe, type ServeProcess } from '../server/serve-process.ts';
import { FolderCopier } from './folder-copier.ts';

/*
 * A window on one device (`papershelf serve`) hears of a change made on another device within 2 s of
 * the sync tool bringing its files: the event reaches the window and the API answers with the change.
 */

const started: ServeProcess[] = [];
afterEach(async () => {
  for (const serve of started.splice(0)) await serve.stop();
});

async function call<T>(serve: ServeProcess, operation: string, input: unknown): Promise<T> {
  const response = await fetch(`${serve.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value: T };
  expect(answer.ok).toBe(true);
  return answer.value;
}

/** Resolves with the time of the first event of `kind` on the server's event stream. */
function firstEvent(serve: ServeProcess, kind: string, signal: AbortSignal): Promise<number> {
  return fetch(`${serve.origin}/api/events?token=${serve.token}`, { signal }).then(async (response) => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      text += decoder.decode(value, { stream: true });
      if (text.includes(`"kind":"${kind}"`)) return performance.now();
    }
  });
}

describe('a running serve and a change from another device', { timeout: 120_000 }, () => {
  it('shows a star made on the other device within 2 s of the copier bringing it', async () => {
    const dirA = tempDir('papershelf-live-a-');
    const dirB = tempDir('papershelf-live-b-');
    const onA = { PAPERSHELF_DEVICE_ID: 'laptop' };
    expect(cliProcess(dirA, ['import', fixturePath('hf-daily-papers-2026-06-12.json')], { env: onA }).code).toBe(0);
    const paper = cliProcess(dirA, ['list', '--json', '--limit', '1'], { env: onA }).json<{ results: Array<{ id: string }> }>().results[0]?.id ?? '';
    expect(cliProcess(dirA, ['sync', 'enable'], { env: onA }).code).toBe(0);
    const copier = new FolderCopier(dirA, dirB);
    copier.sync();
    process.env.PAPERSHELF_DEVICE_ID = 'laptop';
    const serve = await startServe(dirA);
    started.push(serve);
    expect((await call<{ starred: boolean }>(serve, 'getPaper', { id: paper })).starred).toBe(false);
    const star = cliProcess(dirB, ['star', paper], { env: { PAPERSHELF_DEVICE_ID: 'desktop' } });
    expect(star.code, star.stderr).toBe(0);
    const abort = new AbortController();
    const event = firstEvent(serve, 'annotations', abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the stream is open before the files arrive
    const arrived = performance.now();
    expect(copier.sync().copied.some((path) => path.startsWith('sync/devices/desktop/'))).toBe(true);
    let seen = Number.POSITIVE_INFINITY;
    while (performance.now() - arrived < 10_000) {
      if ((await call<{ starred: boolean }>(serve, 'getPaper', { id: paper })).starred) {
        seen = performance.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const heard = await Promise.race([event, new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 10_000))]);
    abort.abort();
    console.log(`change from the other device: event after ${Math.round(heard - arrived)} ms, API shows it after ${Math.round(seen - arrived)} ms`);
    expect(seen - arrived).toBeLessThan(2000);
    expect(heard - arrived).toBeLessThan(2000);
  });
});
