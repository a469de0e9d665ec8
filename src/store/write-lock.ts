import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { PapershelfError } from '../model/errors.ts';
import { asDiskRefusal, ensurePrivateDir, PRIVATE_FILE_MODE } from './disk-errors.ts';
import { isProcessAlive } from './process-alive.ts';

export { isProcessAlive };

/*
 * A lock file created with O_EXCL serialises read-modify-write cycles between processes (the desktop
 * app, a CLI run, the browser server) sharing one data folder. Node has no flock(), so a crashed holder
 * is recognised by its dead pid. A holder on this host whose process is alive keeps its lock however
 * long it works: taking it by age would let two writers in at once. Only a lock whose holder cannot
 * be checked (another host, an unreadable file) is judged by its age.
 */

export interface WriteLockOptions {
  /** Lock file name without extension; independent jobs (a long import) can use their own. */
  name?: string;
  /** Give up waiting after this long. */
  timeoutMs?: number;
  /** A lock whose holder cannot be checked is taken over after this long; async holders refresh it. */
  staleMs?: number;
  /** Told once, after a second of waiting, who holds the lock and since when (default: stderr). */
  onWait?: (message: string) => void;
}

interface LockOwner {
  pid: number;
  /** worker_threads id: a worker's lock has our pid but is not in our `held` map. */
  thread?: number;
  host: string;
  token: string;
  createdAt: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;
/** An empty or unreadable lock older than this is a holder that died between create and write. */
const HALF_WRITTEN_STALE_MS = 1_000;
/** The takeover guard is held for microseconds; older means its holder died. */
const GUARD_STALE_MS = 5_000;
/** A writer that has waited this long says what it waits for. */
const REPORT_WAIT_AFTER_MS = 1_000;

/**
 * Lock path -> token, for the locks this process holds. Sync calls nest, and also run inside an async
 * holder's critical section (they cannot wait for it: they would block the loop it needs).
 */
const held = new Map<string, string>();
/** Async holders in this process queue here instead of polling the file. */
const queues = new Map<string, Promise<void>>();
/** The locks held by the async call chain we are in. */
const asyncHolders = new AsyncLocalStorage<Set<string>>();

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread; used only for the few milliseconds of a lock or rename retry. */
export function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/** Absolute, so that two spellings of one folder are one lock for the in-process bookkeeping. */
export function lockFilePath(dataDir: string, name = 'write'): string {
  return join(resolve(dataDir), `${name}.lock`);
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function readOwner(path: string): { owner: LockOwner | null; ageMs: number } | null {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
      const valid = typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string';
      return { owner: valid ? (parsed as LockOwner) : null, ageMs };
    } catch {
      return { owner: null, ageMs };
    }
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
}

function isStale(found: { owner: LockOwner | null; ageMs: number }, staleMs: number): boolean {
  const { owner, ageMs } = found;
  if (!owner) return ageMs > HALF_WRITTEN_STALE_MS;
  if (owner.host !== hostname()) return ageMs > staleMs;
  // Containers restart with the same small pids: our own pid and thread on a lock we do not hold is a
  // previous run's. Another thread of this process is alive by definition.
  if (owner.pid === process.pid && (owner.thread ?? 0) === threadId) return ![...held.values()].includes(owner.token);
  if (owner.pid === process.pid) return false;
  return !isProcessAlive(owner.pid);
}

/**
 * Removes a stale lock. The check and the unlink happen under a second, tiny guard lock so that two
 * waiters cannot both judge the old lock stale and the slower one delete the faster one's new lock.
 * Returns true when the caller should retry at once.
 */
function removeIfStale(path: string, staleMs: number): boolean {
  const found = readOwner(path);
  if (!found) return true;
  if (!isStale(found, staleMs)) return false;
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      // Gone already.
    }
    return false;
  }
  closeSync(fd);
  try {
    const again = readOwner(path);
    if (again && isStale(again, staleMs)) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
  return true;
}

/** One attempt; returns the token, or null when someone else holds the lock. */
function tryCreate(path: string): string | null {
  const owner: LockOwner = {
    pid: process.pid,
    thread: threadId,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    createdAt: new Date().toISOString(),
  };
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (code(error) === 'EEXIST') return null;
    throw asDiskRefusal(error);
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } catch (error) {
    // A full disk: an empty lock left behind would look like a holder that died mid-write.
    closeSync(fd);
    unlinkSync(path);
    throw asDiskRefusal(error);
  }
  closeSync(fd);
  return owner.token;
}

/** "process 123 on host, since 2026-01-01T10:00:00.000Z" */
function describeHolder(path: string): string {
  const owner = readOwner(path)?.owner;
  if (!owner) return 'another process';
  const since = typeof owner.createdAt === 'string' && owner.createdAt !== '' ? `, since ${owner.createdAt}` : '';
  return `process ${owner.pid} on ${owner.host}${since}`;
}

/** Who holds a data folder's lock now, in words ("process 12 on host, since ..."), or null when nobody does. */
export function lockHolder(dataDir: string, name = 'write'): string | null {
  const path = lockFilePath(dataDir, name);
  return readOwner(path) === null ? null : describeHolder(path);
}

function busyError(path: string): PapershelfError {
  return new PapershelfError('internal', `The data folder is busy: ${describeHolder(path)} holds ${path}. Try again in a moment.`);
}

function reportWait(path: string, options: WriteLockOptions): void {
  const message = `waiting for the data folder: ${describeHolder(path)} holds ${path}`;
  if (options.onWait) options.onWait(message);
  else process.stderr.write(`papershelf: ${message}\n`);
}

/** Tries once, taking over a stale lock; `null` means wait and retry. */
function attempt(path: string, staleMs: number): string | null {
  for (let i = 0; i < 3; i++) {
    const token = tryCreate(path);
    if (token) return token;
    if (!removeIfStale(path, staleMs)) return null;
  }
  return null;
}

/** Attempts until the lock is ours (returns the token); yields how long to wait before the next try. */
function* acquisition(dataDir: string, path: string, options: WriteLockOptions): Generator<number, string> {
  ensurePrivateDir(dataDir);
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let reported = false;
  for (let round = 0; ; round++) {
    const token = attempt(path, options.staleMs ?? DEFAULT_STALE_MS);
    if (token) return token;
    if (Date.now() > deadline) throw busyError(path);
    if (!reported && Date.now() - started >= REPORT_WAIT_AFTER_MS) {
      reported = true;
      reportWait(path, options);
    }
    yield Math.min(1 + round, 20);
  }
}

function acquireSync(dataDir: string, path: string, options: WriteLockOptions): string {
  const steps = acquisition(dataDir, path, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    sleepSync(step.value);
  }
}

async function acquire(dataDir: string, path: string, options: WriteLockOptions): Promise<string> {
  const steps = acquisition(dataDir, path, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setTimeout(resolve, step.value));
  }
}

/** Deletes the lock only if it is still ours: a holder judged stale may have been taken over. */
function release(path: string, token: string): void {
  if (readOwner(path)?.owner?.token !== token) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw error;
  }
}

export function withWriteLockSync<T>(dataDir: string, fn: () => T, options: WriteLockOptions = {}): T {
  const path = lockFilePath(dataDir, options.name);
  if (held.has(path)) return fn();
  const token = acquireSync(dataDir, path, options);
  held.set(path, token);
  try {
    return fn();
  } finally {
    held.delete(path);
    release(path, token);
  }
}

export async function withWriteLock<T>(
  dataDir: string,
  fn: () => Promise<T>,
  options: WriteLockOptions = {},
): Promise<T> {
  const path = lockFilePath(dataDir, options.name);
  // Nested inside our own async critical section: queueing behind ourselves would never end.
  if (asyncHolders.getStore()?.has(path)) return fn();
  const previous = queues.get(path) ?? Promise.resolve();
  let done!: () => void;
  const gate = new Promise<void>((resolve) => (done = resolve));
  const tail = previous.then(() => gate);
  queues.set(path, tail);
  await previous;
  try {
    const token = await acquire(dataDir, path, options);
    held.set(path, token);
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    const refresh = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // Taken over or removed; release() will notice.
      }
    }, staleMs / 3);
    refresh.unref();
    try {
      const inside = new Set(asyncHolders.getStore() ?? []).add(path);
      return await asyncHolders.run(inside, fn);
    } finally {
      clearInterval(refresh);
      held.delete(path);
      release(path, token);
    }
  } finally {
    done();
    if (queues.get(path) === tail) queues.delete(path);
  }
}
