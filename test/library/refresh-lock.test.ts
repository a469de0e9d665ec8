import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withRefreshLock } from '../../src/library/fetch-service.ts';
import { lockFilePath } from '../../src/store/write-lock.ts';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';
import { holdLockInChild } from './cli-child.ts';

/*
 * "Another process is refreshing" must mean a live process is: a refresh lock left by a `serve`
 * killed with SIGKILL, even one its parent has not reaped yet (a zombie), never refuses the next.
 */

/**
 * A process holding the refresh lock, started by a shell that then becomes `sleep` and never reaps
 * it: once killed, it stays a zombie, which still answers `kill(pid, 0)`.
 */
async function holderUnderWrapper(dataDir: string): Promise<{ pid: number; wrapper: ReturnType<typeof spawn> }> {
  const lockModule = join(REPO_ROOT, 'src/store/write-lock.ts');
  const script = `import { withWriteLock } from ${JSON.stringify(lockModule)};
await withWriteLock(${JSON.stringify(dataDir)}, async () => { process.stdout.write('held ' + process.pid + '\\n'); await new Promise(() => setInterval(() => {}, 1000)); }, { name: 'refresh' });`;
  const quoted = `'${script.replace(/'/g, `'\\''`)}'`;
  const wrapper = spawn('sh', ['-c', `"${process.execPath}" --import tsx --input-type=module -e ${quoted} & exec sleep 60`], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    wrapper.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /held (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    wrapper.on('exit', (code) => reject(new Error(`the wrapper exited with ${code}`)));
  });
  return { pid, wrapper };
}

function isZombie(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

describe('the refresh lock', () => {
  it('refuses while a live process refreshes, saying who and since when, and leaves its lock alone', async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir, 10_000, 'refresh');
    try {
      let ran = false;
      await expect(withRefreshLock(dir, async () => void (ran = true))).rejects.toThrow(
        new RegExp(`another Papershelf process \\(process ${holder.pid} on .*, since \\d{4}-.*\\) is refreshing`),
      );
      expect(ran).toBe(false);
      expect(JSON.parse(readFileSync(lockFilePath(dir, 'refresh'), 'utf8'))).toMatchObject({ pid: holder.pid });
    } finally {
      holder.kill();
      await holder.exited;
    }
  }, 30_000);

  it('runs at once when the process holding it was killed with SIGKILL', async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir, 60_000, 'refresh');
    holder.kill();
    await holder.exited;
    expect(existsSync(lockFilePath(dir, 'refresh'))).toBe(true);
    let ran = false;
    await withRefreshLock(dir, async () => void (ran = true));
    expect(ran).toBe(true);
  }, 30_000);

  it.skipIf(process.platform !== 'linux')('runs at once when the killed holder is a zombie its parent never reaped', async () => {
    const dir = tempDir();
    const { pid, wrapper } = await holderUnderWrapper(dir);
    try {
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && !isZombie(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(isZombie(pid)).toBe(true);
      let ran = false;
      await withRefreshLock(dir, async () => void (ran = true));
      expect(ran).toBe(true);
    } finally {
      wrapper.kill('SIGKILL');
    }
  }, 30_000);
});
