import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { CLI_BIN, cliProcess } from '../cli/run-cli.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

/*
 * `papershelf sync enable` killed with SIGKILL at moments spread over its run: the next command sees
 * the old layout or the new one, never a mix, with every star, tag, status and note; running the
 * migration again finishes it.
 */

const PAPERS = 300;
/** Moments to kill at, seen from outside as the files the migration makes appear. */
const MOMENTS: Array<[string, (dataDir: string) => boolean]> = [
  ['backup written', (dataDir) => existsSync(join(dataDir, 'backups')) && readdirSync(join(dataDir, 'backups')).some((name) => name.startsWith('before-sync-layout'))],
  ['temporary folder made', (dataDir) => readdirSync(dataDir).some((name) => name.startsWith('sync.tmp-'))],
  ['snapshot written', (dataDir) => readdirSync(dataDir).some((name) => name.startsWith('sync.tmp-') && existsSync(join(dataDir, name, 'devices', 'laptop')) && readdirSync(join(dataDir, name, 'devices', 'laptop')).some((file) => file.endsWith('.psy')))],
  ['sync/ renamed into place', (dataDir) => existsSync(join(dataDir, 'sync'))],
  ['papers linked for the device', (dataDir) => existsSync(join(dataDir, 'sync', 'devices', 'laptop', 'papers'))],
];
const ENV = { PAPERSHELF_DEVICE_ID: 'laptop' };

async function legacyLibrary(dir: string): Promise<string> {
  const source = await Library.open(join(dir, 'source'));
  await source.importText({ text: readFixture('arxiv-2508.07662.bib') });
  const template = (JSON.parse((await source.exportPapers('json', {})).content) as { papers: Array<Record<string, unknown>> }).papers[0] ?? {};
  await source.close();
  const papers = Array.from({ length: PAPERS }, (_, i) => ({ ...template, id: `t:kept-${i}`, arxivId: null, title: `Kept paper ${i}`, url: null, pdfUrl: null }));
  const annotations = Object.fromEntries(
    papers.map((paper, i) => [paper.id, { starred: true, tags: ['kept'], status: 'reading', updatedAt: '2026-01-01T00:00:00.000Z', note: `note ${i}\n\n${'words '.repeat(100)}` }]),
  );
  const backup = join(dir, 'backup.json');
  writeFileSync(backup, JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', papers, annotations }));
  const template_dir = join(dir, 'template');
  const imported = cliProcess(template_dir, ['import', backup], { env: ENV });
  expect(imported.code, imported.stderr).toBe(0);
  return template_dir;
}

function seen(dataDir: string): { starred: number; notes: number; tagged: number; reading: number } {
  const stats = cliProcess(dataDir, ['stats', '--json'], { env: ENV });
  expect(stats.code, stats.stderr).toBe(0);
  const s = stats.json<{ starred: number; notes: number; tagged: number; status: { reading: number } }>();
  return { starred: s.starred, notes: s.notes, tagged: s.tagged, reading: s.status.reading };
}

/** Starts `sync enable` and kills it with SIGKILL as soon as `moment` holds (or when it ends by itself). */
function killedWhen(dataDir: string, moment: (dataDir: string) => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dataDir, 'sync', 'enable'], { env: { ...process.env, ...ENV, PAPERSHELF_DATA_DIR: '' }, stdio: 'ignore' });
  let killed = false;
  const watch = setInterval(() => {
    try {
      if (!moment(dataDir)) return;
    } catch {
      return; // A folder renamed while it was being listed: look again.
    }
    killed = child.kill('SIGKILL');
    clearInterval(watch);
  }, 1);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(watch);
      resolve(killed && code !== 0);
    });
  });
}

describe('sync enable killed at any moment', { timeout: 120_000 }, () => {
  it('leaves the old layout or the new one, with everything, and a second run finishes it', async () => {
    const dir = tempDir();
    const template = await legacyLibrary(dir);
    const whole = { starred: PAPERS, notes: PAPERS, tagged: PAPERS, reading: PAPERS };
    expect(seen(template)).toEqual(whole);
    const outcomes: string[] = [];
    for (const [run, [moment, holds]] of MOMENTS.entries()) {
      const dataDir = join(dir, `run-${run}`);
      cpSync(template, dataDir, { recursive: true });
      const killed = await killedWhen(dataDir, holds);
      const synced = existsSync(join(dataDir, 'sync'));
      const marker = readFileSync(join(dataDir, 'annotations.json'), 'utf8').includes('"layout": "sync"');
      // Old layout: no sync/ and the old annotations.json. New: sync/ (annotations.json rolls forward on the next open).
      if (!synced) expect(marker).toBe(false);
      outcomes.push(`${moment}: ${killed ? 'killed' : 'finished first'}, ${synced ? (marker ? 'new layout' : 'new layout, rolled forward on open') : 'old layout'}`);
      expect(seen(dataDir)).toEqual(whole);
      if (synced) expect(readFileSync(join(dataDir, 'annotations.json'), 'utf8')).toContain('"layout": "sync"');
      const again = cliProcess(dataDir, ['sync', 'enable', '--json'], { env: ENV });
      expect(again.code, again.stderr).toBe(0);
      expect(readdirSync(dataDir).filter((name) => name.startsWith('sync.tmp-'))).toEqual([]);
      expect(seen(dataDir)).toEqual(whole);
    }
    console.log(`killed migrations: ${outcomes.join('; ')}`);
  }, 240_000);

  it('an older Papershelf refuses a migrated folder instead of starting a second annotations.json', async () => {
    const dataDir = tempDir();
    expect(cliProcess(dataDir, ['sync', 'enable'], { env: ENV }).code).toBe(0);
    // What a single-folder Papershelf does with annotations.json: the marker is a newer format to it.
    const { AnnotationStore } = await import('../../src/store/annotation-store.ts');
    expect(() => AnnotationStore.open(dataDir)).toThrow(/newer Papershelf/);
  });
});
