/**
 * Before papers move to short ids, everything the move rewrites is copied to backups/: the moving
 * papers as they were (with the id each goes to, enough to undo the move by hand), annotations.json,
 * aliases.json and the moving papers' note files. backups/backups.log says why each copy exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredPaper } from '../../model/paper.ts';
import { writeFileAtomicSync } from '../../store/atomic-write.ts';
import { backupsDir, copyToBackups } from '../../store/backups.ts';
import { ensurePrivateDir } from '../../store/disk-errors.ts';
import { hashedNoteFileName, noteFileName } from '../../store/note-file-names.ts';
import { NOTES_DIR } from '../../store/note-store.ts';
import { ALIASES_FILE } from '../../store/paper-aliases.ts';
import type { IdMigration } from './short-id-migration.ts';

const REASON = 'before moving title-only papers to short ids';

/** Writes the backups; returns the file that lists the moved papers, relative to the data folder. */
export function backupBeforeShortIds(dataDir: string, migration: IdMigration, before: (id: string) => StoredPaper | undefined, now = new Date()): string {
  ensurePrivateDir(backupsDir(dataDir));
  const name = `short-ids.${now.toISOString().replace(/[:.]/g, '-')}.json`;
  const moved = migration.rekeys.map(({ from, to }) => ({ from, to, paper: before(from) ?? null }));
  writeFileAtomicSync(join(backupsDir(dataDir), name), `${JSON.stringify({ reason: REASON, moved }, null, 2)}\n`);
  for (const file of ['annotations.json', ALIASES_FILE]) {
    if (existsSync(join(dataDir, file))) copyToBackups(dataDir, join(dataDir, file), REASON);
  }
  for (const { from } of migration.rekeys) {
    for (const note of new Set([noteFileName(from), hashedNoteFileName(from)])) {
      const path = join(dataDir, NOTES_DIR, note);
      if (existsSync(path)) copyToBackups(dataDir, path, REASON);
    }
  }
  return join('backups', name);
}
