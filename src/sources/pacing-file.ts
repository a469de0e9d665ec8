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

/** A slot taken in the file: when, and the time the file held before. */
export interface Claim {
  at: number;
  previous: number;
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
   * Claims the next request slot: `wait` 0 when this process may send now (the file then says so to
   * the others, and `claim` can give the slot back), else how long to wait before asking again.
   */
  async claim(intervalMs: number, signal?: AbortSignal): Promise<{ wait: number; claim?: Claim }> {
    const answer = await this.locked(signal, () => {
      const now = this.clock.now();
      const previous = this.lastStart();
      // A time in the future (another machine's clock, a damaged file) delays by one interval at most.
      const wait = Math.min(intervalMs, previous + intervalMs - now);
      if (wait > 0) return { wait };
      writeFileSync(this.path, String(now), { mode: 0o600 });
      return { wait: 0, claim: { at: now, previous } };
    });
    return answer ?? { wait: 0 };
  }

  /**
   * Gives back a slot whose request never reached the server (no network): the file goes back to the
   * time before it, unless another process has claimed a slot since.
   */
  async unclaim(claim: Claim): Promise<void> {
    await this.locked(undefined, () => {
      if (this.lastStart() !== claim.at) return;
      if (Number.isFinite(claim.previous)) writeFileSync(this.path, String(claim.previous), { mode: 0o600 });
      else unlinkSync(this.path);
    });
  }

  /** Runs `fn` under the lock; null when the folder cannot hold the files (pacing stays within the process). */
  private async locked<T>(signal: AbortSignal | undefined, fn: () => T): Promise<T | null> {
    for (;;) {
      if (this.unusable) return null;
      let fd: number;
      try {
        fd = openSync(this.lockPath, 'wx', 0o600);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') {
          this.unusable = true;
          return null;
        }
        this.clearStaleLock();
        await this.clock.sleep(LOCK_RETRY_MS, signal);
        continue;
      }
      try {
        writeSync(fd, `${process.pid} ${hostname()}`);
        return fn();
      } catch {
        // A full or read-only disk: this process still keeps its own spacing.
        this.unusable = true;
        return null;
      } finally {
        closeSync(fd);
        try {
          unlinkSync(this.lockPath);
        } catch {
          // Already cleared by a process that judged it stale: there is nothing left to release.
        }
      }
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
