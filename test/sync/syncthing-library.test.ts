import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcess, type CliRun } from '../cli/run-cli.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { SyncthingPair } from './syncthing-pair.ts';

/*
 * The whole library — papers, stars, tags, status and notes — on two devices joined by a real
 * Syncthing (Debian's package; .ci/run installs it), each device running the bundled `papershelf`:
 * a library moved to the sync layout on one device reaches the other; with the link paused both import
 * different listings and annotate one paper; after it resumes both end with everything. A missing
 * syncthing fails this file rather than skipping it.
 */

const BOUND_MS = 120_000;

interface Shown {
  starred: boolean;
  tags: string[];
  status: string | null;
  note: string | null;
}

/** The folder's files and sizes, without Syncthing's own and the per-process lock. */
function files(dir: string): string {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.st') || entry.name === 'write.lock') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(`${relative(dir, path)} ${statSync(path).size}`);
    }
  };
  walk(dir);
  return found.sort().join('\n');
}

async function until(pair: SyncthingPair, done: () => boolean, deadline: number, what: () => string): Promise<number> {
  const started = Date.now();
  for (;;) {
    await pair.scanBoth();
    if (done()) return Date.now() - started;
    if (Date.now() > deadline) throw new Error(`no convergence within ${BOUND_MS} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('the whole library on two devices synced by a real Syncthing (bundled CLI)', () => {
  it('ends with every paper, star, tag, status and note paragraph from both devices', { timeout: BOUND_MS + 60_000 }, async () => {
    const pair = await SyncthingPair.start(tempDir('papershelf-syncthing-cli-'));
    try {
      const deadline = Date.now() + BOUND_MS;
      await pair.waitConnected(deadline);
      const device = (dir: string, id: string) => (...args: string[]): CliRun => {
        const run = cliProcess(dir, args, { env: { PAPERSHELF_DEVICE_ID: id } });
        expect(run.code, run.stderr).toBe(0);
        return run;
      };
      const laptop = device(pair.a.folder, 'laptop');
      const desktop = device(pair.b.folder, 'desktop');
      const ids = (run: (...args: string[]) => CliRun) =>
        new Set(run('list', '--json', '--limit', '100000').json<{ results: Array<{ id: string }> }>().results.map((paper) => paper.id));
      const show = (run: (...args: string[]) => CliRun, id: string): Shown => run('show', id, '--json').json<Shown>();

      laptop('import', fixturePath('hf-daily-papers-2026-06-12.json'));
      laptop('sync', 'enable');
      const paper = [...ids(laptop)][0];
      if (!paper) throw new Error('the import gave no paper');
      // The desktop runs nothing until the migrated folder has arrived whole.
      await until(pair, () => files(pair.a.folder) === files(pair.b.folder), deadline, () => `laptop:\n${files(pair.a.folder)}\ndesktop:\n${files(pair.b.folder)}`);
      expect(ids(desktop)).toEqual(ids(laptop));

      await pair.pause();
      laptop('import', fixturePath('hf-daily-papers-2026-07-15.json'));
      laptop('star', paper);
      laptop('note', paper, '--append', 'Offline on the laptop.');
      desktop('import', fixturePath('arxiv-query-testing.xml'));
      desktop('tag', paper, 'to-cite');
      desktop('status', paper, 'reading');
      desktop('note', paper, '--append', 'Offline on the desktop.');
      const everything = new Set([...ids(laptop), ...ids(desktop)]);
      expect(everything.size).toBeGreaterThan(ids(laptop).size);
      expect(everything.size).toBeGreaterThan(ids(desktop).size);
      await pair.resume();

      const complete = (run: (...args: string[]) => CliRun) => {
        const shown = show(run, paper);
        const have = ids(run);
        return (
          have.size === everything.size &&
          [...everything].every((id) => have.has(id)) &&
          shown.starred &&
          shown.status === 'reading' &&
          shown.tags.includes('to-cite') &&
          (shown.note ?? '').includes('Offline on the laptop.') &&
          (shown.note ?? '').includes('Offline on the desktop.')
        );
      };
      const ms = await until(pair, () => complete(laptop) && complete(desktop), deadline, () => JSON.stringify([show(laptop, paper), show(desktop, paper), ids(laptop).size, ids(desktop).size, everything.size]));
      console.log(`syncthing, whole library: both devices had everything ${ms} ms after the link resumed`);
      expect(show(laptop, paper)).toEqual(show(desktop, paper));
    } finally {
      await pair.stop();
    }
  });
});
