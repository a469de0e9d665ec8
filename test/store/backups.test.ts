import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToBackups, moveToBackups } from '../../src/store/backups.ts';
import { tempDir } from '../helpers/fixtures.ts';

const BACKUP_NAME = /^annotations\.json\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?\.bak$/;

describe('backups', () => {
  it('moves a file aside to backups/<name>.<timestamp>.bak and logs why', () => {
    const dir = tempDir();
    const file = join(dir, 'annotations.json');
    writeFileSync(file, '{"broken": ');
    const backup = moveToBackups(dir, file, 'not valid JSON');
    expect(existsSync(file)).toBe(false);
    expect(dirname(backup)).toBe(join(dir, 'backups'));
    expect(basename(backup)).toMatch(BACKUP_NAME);
    expect(readFileSync(backup, 'utf8')).toBe('{"broken": ');
    const log = readFileSync(join(dir, 'backups', 'backups.log'), 'utf8');
    expect(log).toContain(basename(backup));
    expect(log).toContain('not valid JSON');
    expect(log).toContain('moved');
  });

  it('copies a file and leaves the original in place', () => {
    const dir = tempDir();
    const file = join(dir, 'annotations.json');
    writeFileSync(file, '{}');
    const backup = copyToBackups(dir, file, 'before migrating from schema version 0');
    expect(readFileSync(file, 'utf8')).toBe('{}');
    expect(readFileSync(backup, 'utf8')).toBe('{}');
    expect(readFileSync(join(dir, 'backups', 'backups.log'), 'utf8')).toContain('before migrating');
  });

  it('never overwrites an earlier backup, even within one millisecond', () => {
    const dir = tempDir();
    const file = join(dir, 'annotations.json');
    const backups: string[] = [];
    for (let i = 0; i < 5; i++) {
      writeFileSync(file, `version ${i}`);
      backups.push(i % 2 === 0 ? copyToBackups(dir, file, 'copy') : moveToBackups(dir, file, 'move'));
    }
    expect(new Set(backups).size).toBe(5);
    expect(backups.map((path) => readFileSync(path, 'utf8'))).toEqual([0, 1, 2, 3, 4].map((i) => `version ${i}`));
    for (const path of backups) expect(basename(path)).toMatch(BACKUP_NAME);
    expect(readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.bak'))).toHaveLength(5);
  });
});
