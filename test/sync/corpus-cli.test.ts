import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.ts';
import { cliProcess } from '../cli/run-cli.ts';
import { conflictedCopyName, FolderCopier } from './folder-copier.ts';
import { tempDir } from './sync-harness.ts';

/*
 * The real command on two "machines": each device has its own copy of the data folder (in the synced
 * layout) and its own PAPERSHELF_DEVICE_ID; a Dropbox-like copier carries files between them.
 */

function device(id: string): { dir: string; run: (...args: string[]) => ReturnType<typeof cliProcess> } {
  const dir = tempDir('papershelf-corpus-cli-');
  mkdirSync(join(dir, 'sync', 'devices', id), { recursive: true });
  return { dir, run: (...args) => cliProcess(dir, args, { env: { PAPERSHELF_DEVICE_ID: id } }) };
}

function ok(run: ReturnType<typeof cliProcess>): ReturnType<typeof cliProcess> {
  expect(run.stderr, run.stdout).toBe('');
  expect(run.code).toBe(0);
  return run;
}

interface Stats {
  papers: number;
  problems: string[];
}

interface Listing {
  total: number;
  results: Array<{ id: string; title: string }>;
}

function listIds(run: ReturnType<typeof cliProcess>): string[] {
  return ok(run)
    .json<Listing>()
    .results.map((paper) => paper.id)
    .sort();
}

describe('imports on two devices, with the real command', () => {
  it('ends with every paper on both when each device imported different files offline', () => {
    const laptop = device('laptop');
    const desktop = device('desktop');
    ok(laptop.run('import', fixturePath('hf-daily-papers-2026-06-12.json')));
    ok(desktop.run('import', fixturePath('arxiv-query-transformer-cs.LG.xml')));
    ok(desktop.run('import', fixturePath('hf-daily-papers-2026-07-15.json')));
    const copier = new FolderCopier(laptop.dir, desktop.dir);
    expect(copier.sync().conflicts).toEqual([]);
    const everyPaper = listIds(laptop.run('list', '--json', '--limit', '1000'));
    expect(everyPaper).toHaveLength(37);
    expect(listIds(desktop.run('list', '--json', '--limit', '1000'))).toEqual(everyPaper);
    // Search answers over the union on both: a paper imported only on the other device.
    const fromDesktop = ok(desktop.run('list', '--json', '--limit', '1000')).json<Listing>().results.find((paper) => /transformer/i.test(paper.title));
    expect(fromDesktop).toBeDefined();
    const word = (fromDesktop!.title.match(/[A-Za-z]{6,}/g) ?? ['transformer'])[0]!;
    expect(listIds(laptop.run('search', word, '--json'))).toContain(fromDesktop!.id);
    expect(ok(laptop.run('stats', '--json')).json<Stats>().papers).toBe(37);
  });

  it('holds a paper imported on both devices once', () => {
    const laptop = device('laptop');
    const desktop = device('desktop');
    ok(laptop.run('import', fixturePath('hf-daily-papers-2026-06-12.json')));
    ok(desktop.run('import', fixturePath('hf-daily-papers-2026-06-12.json')));
    ok(desktop.run('import', fixturePath('hf-daily-papers-2026-07-15.json')));
    new FolderCopier(laptop.dir, desktop.dir).sync();
    for (const side of [laptop, desktop]) {
      const listing = ok(side.run('list', '--json', '--limit', '1000')).json<Listing>();
      expect(listing.total).toBe(32);
      expect(new Set(listing.results.map((paper) => paper.id)).size).toBe(32);
    }
  });

  it('reports a segment listed but not yet copied, and reads it once it arrives', () => {
    const laptop = device('laptop');
    const desktop = device('desktop');
    ok(laptop.run('import', fixturePath('hf-daily-papers-2026-06-12.json')));
    ok(desktop.run('import', fixturePath('hf-daily-papers-2026-07-15.json')));
    const copier = new FolderCopier(laptop.dir, desktop.dir);
    copier.sync({ only: (path) => !path.endsWith('.jsonl') });
    const run = desktop.run('stats', '--json');
    expect(run.code).toBe(0);
    // Said once, as a warning, by every command until the files arrive.
    expect(run.stderr).toBe('papershelf: warning: waiting for 1 segment from device laptop (not fully synced yet)\n');
    const waiting = run.json<Stats>();
    expect(waiting.papers).toBe(2);
    expect(waiting.problems).toContain('waiting for 1 segment from device laptop (not fully synced yet)');
    // The desktop keeps working meanwhile.
    expect(desktop.run('import', fixturePath('arxiv-query-transformer-cs.LG.xml')).code).toBe(0);
    copier.sync();
    const arrived = ok(desktop.run('stats', '--json')).json<Stats>();
    expect(arrived.papers).toBe(37);
    expect(arrived.problems).toEqual([]);
  });

  it('ignores a conflicted copy of a manifest and leaves it where it is', () => {
    const laptop = device('laptop');
    const desktop = device('desktop');
    ok(laptop.run('import', fixturePath('hf-daily-papers-2026-06-12.json')));
    const copier = new FolderCopier(laptop.dir, desktop.dir);
    copier.sync();
    const papersOfLaptop = join(desktop.dir, 'sync', 'devices', 'laptop', 'papers');
    const copy = join(papersOfLaptop, conflictedCopyName('manifest.json'));
    writeFileSync(copy, '{"schemaVersion":1,"device":"laptop","nextSegment":1,"clock":0,"segments":[],"removed":[]}\n');
    const ownCopy = join(laptop.dir, 'sync', 'devices', 'laptop', 'papers', 'manifest.sync-conflict-20260102-030405-ABCDEFG.json');
    writeFileSync(ownCopy, readFileSync(join(laptop.dir, 'sync', 'devices', 'laptop', 'papers', 'manifest.json')));
    ok(desktop.run('import', fixturePath('hf-daily-papers-2026-07-15.json')));
    ok(laptop.run('import', fixturePath('arxiv-query-transformer-cs.LG.xml')));
    expect(ok(desktop.run('stats', '--json')).json<Stats>().papers).toBe(32);
    expect(existsSync(copy)).toBe(true);
    expect(existsSync(ownCopy)).toBe(true);
    copier.sync();
    for (const side of [laptop, desktop]) expect(ok(side.run('stats', '--json')).json<Stats>().papers).toBe(37);
  });
});
