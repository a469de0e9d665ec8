import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.ts';
import { readTextIfExists } from './read-text.ts';

/*
 * A restore (papers, annotations and notes from a backup) touches many files. It is made whole by a
 * journal written first: the complete backup, atomically. Until the restore has finished, the
 * journal stays; a process killed in between leaves it behind, and the next open applies the backup
 * again (each step is idempotent) and removes it. A reader thus ends up with the old state (no
 * journal yet) or the new one, never half of it.
 */

export const RESTORE_JOURNAL_FILE = 'restore-journal.json';

function journalPath(dataDir: string): string {
  return join(dataDir, RESTORE_JOURNAL_FILE);
}

export function writeRestoreJournal(dataDir: string, content: unknown): void {
  writeFileAtomicSync(journalPath(dataDir), JSON.stringify({ kind: 'papershelf-restore', content }));
}

/** The journal's content, or null when no restore is pending (or the journal is unreadable). */
export function readRestoreJournal(dataDir: string): unknown {
  const text = readTextIfExists(journalPath(dataDir));
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { kind?: unknown; content?: unknown } | null;
    return parsed?.kind === 'papershelf-restore' ? (parsed.content ?? null) : null;
  } catch {
    // Written atomically, so a torn journal means a foreign file; it is not ours to apply.
    return null;
  }
}

export function clearRestoreJournal(dataDir: string): void {
  try {
    unlinkSync(journalPath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
