import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lockFilePath, withWriteLock, withWriteLockSync } from '../../src/store/write-lock.ts';
import { tempDir } from '../helpers/fixtures.ts';

function writeForeignLock(dataDir: string, pid: number, token = 'foreign', host = hostname()): string {
  const path = lockFilePath(dataDir);
  writeFileSync(path, JSON.stringify({ pid, thread: threadId, host, token, createdAt: new Date().toISOString() }));
  return path;
}

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('withWriteLockSync', () => {
  it('holds a lock file naming this process while fn runs, and removes it after', () => {
    const dir = tempDir();
    const path = lockFilePath(dir);
    const result = withWriteLockSync(dir, () => {
      const owner = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
      expect(owner.pid).toBe(process.pid);
      return 42;
    });
    expect(result).toBe(42);
    expect(existsSync(path)).toBe(false);
  });

  it('releases the lock when fn throws', () => {
    const dir = tempDir();
    expect(() =>
      withWriteLockSync(dir, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(lockFilePath(dir))).toBe(false);
  });

  it('nests within one process instead of waiting for itself', () => {
    const dir = tempDir();
    const inner = withWriteLockSync(dir, () => withWriteLockSync(dir, () => 'inner', { timeoutMs: 100 }));
    expect(inner).toBe('inner');
    expect(existsSync(lockFilePath(dir))).toBe(false);
  });

  it('takes over the lock of a dead process at once', () => {
    const dir = tempDir();
    writeForeignLock(dir, deadPid());
    expect(withWriteLockSync(dir, () => 'mine', { timeoutMs: 50 })).toBe('mine');
  });

  it('waits for a live holder, then reports who holds the folder', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeForeignLock(dir, sleeper.pid ?? 0);
      expect(() => withWriteLockSync(dir, () => 'never', { timeoutMs: 150 })).toThrow(
        new RegExp(`busy: process ${sleeper.pid} on`),
      );
      // The other process's lock is left alone.
      expect(JSON.parse(readFileSync(lockFilePath(dir), 'utf8'))).toMatchObject({ pid: sleeper.pid });
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock of another host once it is older than staleMs', () => {
    const dir = tempDir();
    const path = writeForeignLock(dir, process.ppid, 'remote', 'another-host.example');
    expect(() => withWriteLockSync(dir, () => 'never', { timeoutMs: 50, staleMs: 30_000 })).toThrow(/busy/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(withWriteLockSync(dir, () => 'mine', { timeoutMs: 50, staleMs: 30_000 })).toBe('mine');
  });

  it('never takes the lock of a live process on this host, however old the lock is', () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const path = writeForeignLock(dir, sleeper.pid ?? 0, 'busy-writer');
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(path, old, old);
      expect(() => withWriteLockSync(dir, () => 'stolen', { timeoutMs: 100, staleMs: 1_000 })).toThrow(/busy: process \d+ on .*, since \d{4}-/);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'busy-writer' });
    } finally {
      sleeper.kill();
    }
  });

  it('takes the lock of a process killed with SIGKILL at once', async () => {
    const dir = tempDir();
    const path = lockFilePath(dir);
    // A real holder: it takes the lock through this module, says so, and is then killed mid-hold.
    const script = `
      import { withWriteLock } from ${JSON.stringify(new URL('../../src/store/write-lock.ts', import.meta.url).pathname)};
      await withWriteLock(${JSON.stringify(dir)}, async () => { process.stdout.write('held\\n'); await new Promise(() => setInterval(() => {}, 1000)); });`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', () => resolve()));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: holder.pid });
    expect(() => withWriteLockSync(dir, () => 'never', { timeoutMs: 100 })).toThrow(/busy/);
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const started = Date.now();
    expect(withWriteLockSync(dir, () => 'mine', { timeoutMs: 50 })).toBe('mine');
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 20_000);

  it('says, while it waits, who holds the lock and since when', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeForeignLock(dir, sleeper.pid ?? 0);
      const told: string[] = [];
      await expect(withWriteLock(dir, async () => 'never', { timeoutMs: 1_300, onWait: (m) => told.push(m) })).rejects.toThrow(/busy/);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(new RegExp(`process ${sleeper.pid} on .*, since \\d{4}-\\d\\d-\\d\\dT`));
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock left by a previous run with this same pid (containers reuse pids)', () => {
    const dir = tempDir();
    writeForeignLock(dir, process.pid, 'previous-run');
    expect(withWriteLockSync(dir, () => 'mine', { timeoutMs: 50 })).toBe('mine');
  });

  it('leaves alone a lock held by another thread of this process', () => {
    const dir = tempDir();
    const path = lockFilePath(dir);
    const owner = { pid: process.pid, thread: threadId + 1, host: hostname(), token: 'worker', createdAt: '' };
    writeFileSync(path, JSON.stringify(owner));
    expect(() => withWriteLockSync(dir, () => 'never', { timeoutMs: 100 })).toThrow(/busy/);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'worker' });
  });

  it('does not delete a lock that another process took over meanwhile', () => {
    const dir = tempDir();
    withWriteLockSync(dir, () => writeForeignLock(dir, process.ppid, 'taker'));
    expect(JSON.parse(readFileSync(lockFilePath(dir), 'utf8'))).toMatchObject({ token: 'taker' });
  });

  it('keeps separately named locks independent', () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeForeignLock(dir, sleeper.pid ?? 0);
      expect(withWriteLockSync(dir, () => 'import', { name: 'import', timeoutMs: 50 })).toBe('import');
    } finally {
      sleeper.kill();
    }
  });
});

describe('withWriteLock (async)', () => {
  it('runs overlapping callers of one process one after the other', async () => {
    const dir = tempDir();
    const events: string[] = [];
    const task = (name: string) =>
      withWriteLock(dir, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${name} end`);
        return name;
      });
    expect(await Promise.all([task('a'), task('b'), task('c')])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(existsSync(lockFilePath(dir))).toBe(false);
  });

  it('nests, and lets synchronous writers of the same process run inside', async () => {
    const dir = tempDir();
    const result = await withWriteLock(dir, async () => {
      const nested = await withWriteLock(dir, async () => 'nested', { timeoutMs: 100 });
      return `${nested} ${withWriteLockSync(dir, () => 'sync', { timeoutMs: 100 })}`;
    });
    expect(result).toBe('nested sync');
  });

  it('releases after a rejection and lets the next caller in', async () => {
    const dir = tempDir();
    const failing = withWriteLock(dir, async () => {
      throw new Error('nope');
    });
    const next = withWriteLock(dir, async () => 'next');
    await expect(failing).rejects.toThrow('nope');
    expect(await next).toBe('next');
  });

  it('waits for another process to release the lock', async () => {
    const dir = tempDir();
    const path = lockFilePath(dir);
    const released = `${path}.released`;
    // The holder notes that it is done, then removes its lock, after 150 ms.
    const script = `
      const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(path)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), token: 't' }));
      setTimeout(() => { fs.writeFileSync(${JSON.stringify(released)}, ''); fs.unlinkSync(${JSON.stringify(path)}); }, 150);`;
    const holder = spawn(process.execPath, ['-e', script]);
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 5));
    const sawRelease = await withWriteLock(dir, async () => existsSync(released), { timeoutMs: 5000 });
    expect(sawRelease).toBe(true);
    await exited;
  });
});
