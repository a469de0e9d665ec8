import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedImport } from '../../src/importers/types.ts';
import { beginRestore, completePendingRestore, finishRestore } from '../../src/library/backup-annotations.ts';
import { DiskRefusedError } from '../../src/model/errors.ts';
import { RESTORE_JOURNAL_FILE } from '../../src/store/restore-journal.ts';
import { tempDir } from '../helpers/fixtures.ts';

const BACKUP: ParsedImport = {
  format: 'json',
  papers: [],
  warnings: [],
  skipped: 0,
  backup: { papers: [], annotations: { a: { starred: true, tags: ['t'], status: null, updatedAt: '2026-01-01T00:00:00.000Z', note: 'n' } } as never },
};

describe('the restore journal', () => {
  it('is written before a backup restore, cleared after it, and only for backups', () => {
    const dir = tempDir();
    beginRestore(dir, { ...BACKUP, backup: undefined });
    expect(existsSync(join(dir, RESTORE_JOURNAL_FILE))).toBe(false);
    beginRestore(dir, BACKUP);
    expect(existsSync(join(dir, RESTORE_JOURNAL_FILE))).toBe(true);
    finishRestore(dir, BACKUP);
    expect(existsSync(join(dir, RESTORE_JOURNAL_FILE))).toBe(false);
  });

  it('is applied again on the next open, with every id intact, then removed', async () => {
    const dir = tempDir();
    const annotations = JSON.parse('{"__proto__":{"starred":true,"tags":["t"],"status":null,"updatedAt":"2026-01-01T00:00:00.000Z","note":"n"}}') as Record<string, unknown>;
    beginRestore(dir, { ...BACKUP, backup: { papers: [], annotations: annotations as never } });
    const applied: ParsedImport[] = [];
    const message = await completePendingRestore(dir, async (parsed) => void applied.push(parsed));
    expect(message).toMatch(/interrupted; it was finished now/);
    expect(Object.hasOwn(applied[0]?.backup?.annotations ?? {}, '__proto__')).toBe(true);
    expect(existsSync(join(dir, RESTORE_JOURNAL_FILE))).toBe(false);
    expect(await completePendingRestore(dir, async () => undefined)).toBeNull();
  });

  it('keeps the journal when the disk refuses to finish, and says so in one line', async () => {
    const dir = tempDir();
    beginRestore(dir, BACKUP);
    const message = await completePendingRestore(dir, async () => {
      throw new DiskRefusedError('the disk is full: nothing was changed');
    });
    expect(message).toBe('a restore interrupted earlier could not be finished: the disk is full: nothing was changed');
    expect(existsSync(join(dir, RESTORE_JOURNAL_FILE))).toBe(true);
  });

  it('moves a journal it cannot apply to backups/ instead of deleting it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, RESTORE_JOURNAL_FILE), JSON.stringify({ kind: 'papershelf-restore', content: { something: 'else' } }));
    const message = await completePendingRestore(dir, async () => {
      throw new Error('must not be applied');
    });
    expect(message).toMatch(/moved to backups/);
    expect(readdirSync(join(dir, 'backups')).some((name) => name.startsWith(RESTORE_JOURNAL_FILE))).toBe(true);
  });
});
