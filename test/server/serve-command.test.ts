import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withWriteLock } from '../../src/store/write-lock.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { BIN, startServe, type ServeProcess } from './serve-process.ts';

const started: ServeProcess[] = [];
afterEach(async () => {
  for (const serve of started.splice(0)) await serve.stop();
});

describe('papershelf serve', () => {
  it('prints the address with its token as the first line, serves the library, and stops on SIGTERM', async () => {
    const dir = tempDir();
    const imported = spawnSync(process.execPath, [BIN, 'import', fixturePath('arxiv-query-testing.xml'), '--data-dir', dir], { encoding: 'utf8' });
    expect(imported.status).toBe(0);
    const serve = await startServe(dir);
    started.push(serve);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const stats = await fetch(`${serve.origin}/api/stats`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
      body: '{}',
    });
    expect(await stats.json()).toMatchObject({ ok: true, value: { papers: 10 } });
    const refused = await fetch(`${serve.origin}/api/stats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(await serve.stop()).toBe(0);
  });

  it('refuses a bad port and a port in use with exit code 2 and one clear line', async () => {
    const dir = tempDir();
    const bad = spawnSync(process.execPath, [BIN, 'serve', '--port', '70000', '--data-dir', dir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected a port number');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', dir], { encoding: 'utf8' });
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(`port ${port} is already in use`);
      expect(busy.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('on Ctrl+C, finishes a write already in flight (and answers it) before exiting', async () => {
    const dir = tempDir();
    const imported = spawnSync(process.execPath, [BIN, 'import', fixturePath('arxiv-query-testing.xml'), '--data-dir', dir], { encoding: 'utf8' });
    expect(imported.status).toBe(0);
    const id = (JSON.parse(spawnSync(process.execPath, [BIN, 'list', '--json', '--data-dir', dir], { encoding: 'utf8' }).stdout) as { results: Array<{ id: string }> }).results[0]!.id;
    const serve = await startServe(dir);
    started.push(serve);
    const exited = new Promise<number | null>((resolve) => serve.child.once('exit', (code) => resolve(code)));
    let answer: Promise<unknown> = Promise.resolve();
    // Holding the data folder's write lock keeps the server's write waiting: it is in flight when SIGINT arrives.
    await withWriteLock(dir, async () => {
      answer = fetch(`${serve.origin}/api/setNote`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': serve.token },
        body: JSON.stringify({ id, text: 'Written while stopping.' }),
      }).then((response) => response.json());
      await new Promise((resolve) => setTimeout(resolve, 700));
      serve.child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await answer).toMatchObject({ ok: true, value: { id, note: 'Written while stopping.' } });
    expect(await exited).toBe(0);
    const shown = spawnSync(process.execPath, [BIN, 'note', id, '--data-dir', dir], { encoding: 'utf8' });
    expect(shown.stdout).toBe('Written while stopping.\n');
  });
});
