import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asDiskRefusal, PRIVATE_FILE_MODE } from './disk-errors.ts';
import { isProcessAlive } from './process-alive.ts';
import { sleepSync } from './write-lock.ts';

/*
 * A reader sees either the old file or the new one, never a mix: the data goes to a temporary file in
 * the same folder (rename is only atomic within one file system), is fsynced, then renamed over the
 * target; the folder is fsynced so the rename itself survives a power cut. Every data file passes
 * here, so this is where files are made private (0600) and where a full or read-only disk becomes a
 * DiskRefusedError with no temporary file left behind.
 */

const TEMP_MARK = '.tmp-';
/** `<name>.tmp-<pid>-<random>`: the pid tells a crashed writer's leftover from a live writer's file. */
const TEMP_PATTERN = /^(.+)\.tmp-(\d+)-[0-9a-f]+$/;
/** A temporary file this old belongs to nobody even if its pid was reused by another process. */
const TEMP_MAX_AGE_MS = 10 * 60 * 1000;
/** Windows refuses to replace a file another process has open (virus scanners, indexers): retry. */
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_ATTEMPTS = 10;

function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Windows cannot open a folder for fsync, and some file systems refuse it; the rename is done either way. */
function fsyncDirSync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** fsyncs a folder after a rename into it (a no-op where folders cannot be fsynced). */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error;
  }
}

function renameWithRetrySync(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      if (attempt >= RENAME_ATTEMPTS || !RENAME_RETRY_CODES.has(errorCode(error) ?? '')) throw error;
      sleepSync(attempt * 5);
    }
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      if (attempt >= RENAME_ATTEMPTS || !RENAME_RETRY_CODES.has(errorCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 5));
    }
  }
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  const bytes = toBytes(data);
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetrySync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file may not exist (open failed) or was already renamed.
    }
    throw asDiskRefusal(error);
  }
  fsyncDirSync(dirname(path));
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  const bytes = toBytes(data);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      let written = 0;
      while (written < bytes.length) {
        written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw asDiskRefusal(error);
  }
  await fsyncDir(dirname(path));
}

/** True for the temporary files this module creates; listings of a folder must skip them. */
export function isAtomicTempFile(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

/**
 * Removes temporary files left by writers that were killed mid-write. A file whose writer is still
 * alive (and recent) is left alone: deleting it would make that writer's rename fail.
 * Returns the names removed.
 */
export function cleanStaleTempFiles(dir: string, forName?: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || (forName !== undefined && match[1] !== forName)) continue;
    const path = join(dir, name);
    try {
      const pid = Number(match[2]);
      const old = now - statSync(path).mtimeMs > TEMP_MAX_AGE_MS;
      if (!old && isProcessAlive(pid)) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Another process cleaned it first, or it was renamed into place meanwhile.
    }
  }
  return removed;
}
