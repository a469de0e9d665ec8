import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { cli } from '../cli/run-cli.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';

/*
 * A data folder on a small tmpfs, mounted read-only or filled to the last byte. Reading must keep
 * working (opening takes no lock and writes nothing); every write fails with one clear line and
 * leaves no lock or temporary file behind. Mounting needs root: where it is impossible the tests
 * skip and say why.
 */

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function mountTmpfs(size: string): { dir: string } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()}); run as root to test full and read-only disks` };
  }
  mounts.push(dir);
  return { dir };
}

/** Every file under dir, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, readFileSync(path).toString('base64'));
  }
  return files;
}

async function seed(dataDir: string): Promise<string> {
  expect((await cli(dataDir, ['import', fixturePath('arxiv-query-testing.xml')])).code).toBe(0);
  const id = (await cli(dataDir, ['list', '--json'])).json<{ results: Array<{ id: string }> }>().results[0]?.id ?? '';
  expect((await cli(dataDir, ['tag', id, 'kept'])).code).toBe(0);
  expect((await cli(dataDir, ['note', id, '--set', 'a note on a small disk'])).code).toBe(0);
  return id;
}

async function expectReadsWork(dataDir: string, id: string): Promise<void> {
  const listed = await cli(dataDir, ['list', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.json<{ total: number }>().total).toBe(10);
  const found = await cli(dataDir, ['search', 'tag:kept', '--json']);
  expect(found.code, found.stderr).toBe(0);
  expect(found.json<{ total: number }>().total).toBe(1);
  const shown = await cli(dataDir, ['show', id, '--json']);
  expect(shown.code, shown.stderr).toBe(0);
  expect(shown.json()).toMatchObject({ tags: ['kept'], note: 'a note on a small disk' });
  const stats = await cli(dataDir, ['stats', '--json']);
  expect(stats.code, stats.stderr).toBe(0);
  expect(stats.json()).toMatchObject({ papers: 10, tagged: 1, notes: 1 });
  const elsewhere = join(tempDir(), 'export.bib');
  const exported = await cli(dataDir, ['export', '--format', 'bibtex', '-o', elsewhere]);
  expect(exported.code, exported.stderr).toBe(0);
  expect(readFileSync(elsewhere, 'utf8').match(/^@/gm)).toHaveLength(10);
}

async function expectWritesRefused(dataDir: string, id: string, line: string): Promise<void> {
  const before = snapshot(dataDir);
  for (const args of [['tag', id, 'refused'], ['note', id, '--append', 'refused'], ['star', id], ['import', fixturePath('arxiv-2508.07662.bib')]]) {
    const run = await cli(dataDir, args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).not.toBe(0);
    expect(run.stderr.trim().split('\n').at(-1), args.join(' ')).toBe(`papershelf: ${line}`);
  }
  // A window still opens: its settings live in memory for the session, and it says why.
  const settings = new SettingsStore(dataDir);
  expect(settings.problems).toEqual([`window settings cannot be saved: ${line}`]);
  expect(settings.saveUiState({ query: 'kept in memory' }).query).toBe('kept in memory');
  // Nothing changed, and no empty lock or temporary file was left behind.
  expect(snapshot(dataDir)).toEqual(before);
}

describe('a data folder on a disk that refuses writes', () => {
  it('read-only: list, search, show, stats and export elsewhere work; writes fail with one line', async (ctx) => {
    const mount = mountTmpfs('8m');
    if ('reason' in mount) return ctx.skip(mount.reason);
    const dataDir = join(mount.dir, 'library');
    const id = await seed(dataDir);
    const remounted = spawnSync('mount', ['-o', 'remount,ro', mount.dir], { encoding: 'utf8' });
    if (remounted.status !== 0) return ctx.skip(`cannot remount the tmpfs read-only (${remounted.stderr.trim()})`);
    await expectReadsWork(dataDir, id);
    await expectWritesRefused(dataDir, id, 'the library folder is read-only: nothing was changed');
  }, 60_000);

  it('full: list, search, show, stats and export elsewhere work; writes fail with one line', async (ctx) => {
    const mount = mountTmpfs('2m');
    if ('reason' in mount) return ctx.skip(mount.reason);
    const dataDir = join(mount.dir, 'library');
    const id = await seed(dataDir);
    // Fill the disk to the last byte.
    const fd = openSync(join(mount.dir, 'filler'), 'w');
    try {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    try {
      const fd1 = openSync(join(mount.dir, 'filler-small'), 'w');
      try {
        for (;;) writeSync(fd1, Buffer.alloc(1, 1));
      } finally {
        closeSync(fd1);
      }
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    await expectReadsWork(dataDir, id);
    await expectWritesRefused(dataDir, id, 'the disk is full: nothing was changed');
  }, 60_000);
});
