import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cleanStaleTempFiles,
  isAtomicTempFile,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../src/store/atomic-write.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(result.stdout.toString());
}

describe('writeFileAtomicSync / writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temporary file behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'annotations.json');
    writeFileAtomicSync(path, 'first');
    expect(readFileSync(path, 'utf8')).toBe('first');
    writeFileAtomicSync(path, new TextEncoder().encode('second, longer than the first'));
    expect(readFileSync(path, 'utf8')).toBe('second, longer than the first');
    await writeFileAtomic(path, 'third');
    expect(readFileSync(path, 'utf8')).toBe('third');
    expect(readdirSync(dir)).toEqual(['annotations.json']);
  });

  it('writes multi-byte text exactly', async () => {
    const path = join(tempDir(), 'note.md');
    const text = 'Ünïcödé — 数学 🧮\n'.repeat(5000);
    writeFileAtomicSync(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
    await writeFileAtomic(path, text.slice(1));
    expect(readFileSync(path, 'utf8')).toBe(text.slice(1));
  });

  it('fails without touching the target or leaving a temporary file when the rename fails', async () => {
    const dir = tempDir();
    // A folder where the file should be: the rename cannot replace it.
    const blocked = join(dir, 'blocked');
    writeFileSync(join(dir, 'keep.txt'), 'x');
    writeFileAtomicSync(join(dir, 'ok.json'), 'ok');
    mkdirSync(blocked);
    expect(() => writeFileAtomicSync(blocked, 'data')).toThrow();
    await expect(writeFileAtomic(blocked, 'data')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'keep.txt', 'ok.json']);
  });

  it('throws when the folder does not exist', () => {
    expect(() => writeFileAtomicSync(join(tempDir(), 'missing', 'file.json'), 'x')).toThrow(/ENOENT/);
  });
});

describe('cleanStaleTempFiles', () => {
  it('removes the leftovers of dead writers and keeps a live writer’s file', () => {
    const dir = tempDir();
    const pid = deadPid();
    const dead = `annotations.json.tmp-${pid}-abc123`;
    const live = `annotations.json.tmp-${process.ppid}-def456`;
    const otherFile = `seg-0001.jsonl.tmp-${pid}-0a0b0c`;
    for (const name of [dead, live, otherFile, 'annotations.json']) writeFileSync(join(dir, name), 'x');
    expect(cleanStaleTempFiles(dir, 'annotations.json')).toEqual([dead]);
    expect(existsSync(join(dir, live))).toBe(true);
    expect(existsSync(join(dir, otherFile))).toBe(true);
    expect(cleanStaleTempFiles(dir)).toEqual([otherFile]);
    expect(readdirSync(dir).sort()).toEqual(['annotations.json', live].sort());
  });

  it('removes a temporary file older than ten minutes even if its pid is alive (reused)', () => {
    const dir = tempDir();
    const name = `n.md.tmp-${process.ppid}-aaaaaa`;
    writeFileSync(join(dir, name), 'x');
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(join(dir, name), old, old);
    expect(cleanStaleTempFiles(dir)).toEqual([name]);
  });

  it('recognises only its own temporary names', () => {
    expect(isAtomicTempFile('notes.md.tmp-123-0f0f')).toBe(true);
    expect(isAtomicTempFile('notes.md')).toBe(false);
    expect(isAtomicTempFile('my.tmp-notes.md')).toBe(false);
  });
});
