/**
 * arXiv's spacing shared by every Papershelf process using one data folder (the window and a CLI
 * `refresh`, say): `<dataDir>/.arxiv-pacing` holds the time the last request started. A process may
 * send when that time is at least one interval ago, and then writes its own time, both under
 * `.arxiv-pacing.lock`, created with `wx` so only one process holds it. The lock is held only for a
 * few synchronous file operations, never across a wait; it names its holder (`pid host`) and a lock
 * whose process is gone on this host, or that is older than a few seconds whoever holds it, is
 * cleared. Should two processes clear the same stale lock at once, at worst one request goes early.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../store/write-lock.ts';
import { systemClock, type Clock } from './clock.ts';

export const PACING_FILE = '.arxiv-pacing';
/** Time between two tries at a busy lock. */
const LOCK_RETRY_MS = 5;
/** A lock this old is stale whatever it says: its holder needs microseconds. */
const STALE_LOCK_MS = 5000;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export class PacingFile {
  readonly path: string;
  readonly lockPath: string;
  /** Set once the folder refused the file (read-only, gone): pacing falls back to this process alone. */
  private unusable = false;

  constructor(
    readonly dir: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.path = join(dir, PACING_FILE);
    this.lockPath = `${this.path}.lock`;
  }

  /**
   * Claims the next request slot: 0 when this process may send now (the file then says so to the
   * others), else how long to wait before asking again.
   */
  async claim(intervalMs: number, signal?: AbortSignal): Promise<number> {
    for (;;) {
      const wait = this.tryClaim(intervalMs);
      if (wait !== null) return wait;
      await this.clock.sleep(LOCK_RETRY_MS, signal);
    }
  }

  /** null: the lock is busy. */
  private tryClaim(intervalMs: number): number | null {
    if (this.unusable) return 0;
    let fd: number;
    try {
      fd = openSync(this.lockPath, 'wx', 0o600);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') {
        this.clearStaleLock();
        return null;
      }
      this.unusable = true;
      return 0;
    }
    try {
      writeSync(fd, `${process.pid} ${hostname()}`);
      const now = this.clock.now();
      // A time in the future (another machine's clock, a damaged file) delays by one interval at most.
      const wait = Math.min(intervalMs, this.lastStart() + intervalMs - now);
      if (wait > 0) return wait;
      writeFileSync(this.path, String(now), { mode: 0o600 });
      return 0;
    } catch {
      // A full or read-only disk: this process still keeps its own spacing.
      this.unusable = true;
      return 0;
    } finally {
      closeSync(fd);
      unlinkSync(this.lockPath);
    }
  }

  private lastStart(): number {
    try {
      const value = Number(readFileSync(this.path, 'utf8').trim());
      // An unreadable time (a write cut short) counts from when the file was last written.
      return Number.isFinite(value) ? value : statSync(this.path).mtimeMs;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return Number.NEGATIVE_INFINITY;
      throw error;
    }
  }

  private clearStaleLock(): void {
    try {
      const [pid, host] = readFileSync(this.lockPath, 'utf8').trim().split(' ');
      const age = Date.now() - statSync(this.lockPath).mtimeMs;
      const holder = Number(pid);
      const gone = host === hostname() && Number.isInteger(holder) && holder > 0 && !isProcessAlive(holder);
      if (gone || age > STALE_LOCK_MS) unlinkSync(this.lockPath);
    } catch {
      // The lock went away (or changed) while we looked: the next try sees the new state.
    }
  }
}
