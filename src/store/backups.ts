import { appendFileSync, existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './disk-errors.ts';

/*
 * Nothing the user made is ever deleted to get past a problem: a corrupt file is moved here, and a
 * file about to be migrated is copied here first. `backups/backups.log` says why each one exists.
 */

export const BACKUPS_DIR = 'backups';
const LOG_NAME = 'backups.log';

export function backupsDir(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR);
}

/** `2025-11-26T23-55-01-123Z`: sortable, and legal in Windows file names (no colons). */
function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** `backups/<name>.<timestamp>.bak`, with `-2`, `-3`... when two backups land in the same millisecond. */
function freshBackupPath(dataDir: string, filePath: string, date: Date): string {
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  const base = `${basename(filePath)}.${stamp(date)}`;
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? `${base}.bak` : `${base}-${n}.bak`);
    if (!existsSync(candidate)) return candidate;
  }
}

function log(dataDir: string, date: Date, action: string, filePath: string, backupPath: string, reason: string): void {
  const line = `${date.toISOString()}\t${action}\t${filePath}\t${basename(backupPath)}\t${reason.replace(/\s+/g, ' ')}\n`;
  try {
    appendFileSync(join(backupsDir(dataDir), LOG_NAME), line, { mode: PRIVATE_FILE_MODE });
  } catch {
    // The backup itself is what matters; the log is a courtesy.
  }
}

/** Moves a file the software cannot use out of the way; returns where it went. */
export function moveToBackups(dataDir: string, filePath: string, reason: string): string {
  const date = new Date();
  const target = freshBackupPath(dataDir, filePath, date);
  try {
    renameSync(filePath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // A file outside the data folder's file system: copy durably, then remove the original.
    writeFileAtomicSync(target, readFileSync(filePath));
    unlinkSync(filePath);
  }
  log(dataDir, date, 'moved', filePath, target, reason);
  return target;
}

/** Copies a file (durably) before it is rewritten in a new format; returns the copy's path. */
export function copyToBackups(dataDir: string, filePath: string, reason: string): string {
  const date = new Date();
  const target = freshBackupPath(dataDir, filePath, date);
  writeFileAtomicSync(target, readFileSync(filePath));
  log(dataDir, date, 'copied', filePath, target, reason);
  return target;
}
