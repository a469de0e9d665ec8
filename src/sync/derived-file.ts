import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { asDiskRefusal, PRIVATE_FILE_MODE } from '../store/disk-errors.ts';

/**
 * Writes a file that can always be written again from the synced state (a note's Markdown projection,
 * the texts an edit may start from): whole or not at all (temporary file, then rename), but without
 * the fsyncs of a file that holds the only copy of something. Opening a library written elsewhere
 * writes thousands of these, and fsyncing each would take minutes on a slow disk. The temporary name
 * is the one atomic-write.ts uses, so listings skip it and stale ones are cleaned.
 */
export function writeDerivedFileSync(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    writeFileSync(temp, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed.
    }
    throw asDiskRefusal(error);
  }
}
