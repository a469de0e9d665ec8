import { mkdirSync } from 'node:fs';
import { DiskRefusedError } from '../model/errors.ts';

/*
 * Writes the disk refuses (full, mounted read-only) are the user's situation, not our bug: they become
 * one clear line, and the writer leaves no half-made file behind.
 */

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS']);

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** The DiskRefusedError for a full or read-only disk, or the error unchanged. */
export function asDiskRefusal(error: unknown): unknown {
  if (error instanceof DiskRefusedError) return error;
  const code = errnoCode(error);
  if (code !== undefined && FULL.has(code)) return new DiskRefusedError('the disk is full: nothing was changed');
  if (code !== undefined && READ_ONLY.has(code)) return new DiskRefusedError('the library folder is read-only: nothing was changed');
  return error;
}

/** True when the error says the disk refused the write. */
export function isDiskRefusal(error: unknown): boolean {
  return asDiskRefusal(error) instanceof DiskRefusedError;
}

/**
 * Creates a folder (and its parents) readable by the owner only; an existing folder keeps its mode,
 * so a stricter one chosen by the user is respected.
 */
export function ensurePrivateDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw asDiskRefusal(error);
  }
}

/** Private data: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;
