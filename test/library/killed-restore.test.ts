import { spawn } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completePendingRestore } from '../../src/library/backup-annotations.ts';
import { Library } from '../../src/library/library.ts';
import { RESTORE_JOURNAL_FILE } from '../../src/store/restore-journal.ts';
import { readFixture, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

/*
 * A restore killed with SIGKILL at a random moment leaves either the old library or, once the next
 * open has rolled the journal forward, the whole backup: papers, stars, tags and every note.
 */

const KILLS = Number(process.env.PAPERSHELF_RESTORE_KILLS ?? 6);
const BACKUP_PAPERS = 40;
const CHILD = join(REPO_ROOT, 'test/library/restore-child.ts');

interface State {
  papers: number;
  starred: number;
  tagged: number;
  notes: number;
}

async function stateOf(library: Library): Promise<State> {
  const stats = library.stats();
  const listed = library.listPapers({ tag: 'restored' });
  return { papers: stats.papers - 1, starred: stats.starred, tagged: listed.total, notes: stats.notes };
}

const OLD: State = { papers: 0, starred: 0, tagged: 0, notes: 0 };
const NEW: State = { papers: BACKUP_PAPERS, starred: BACKUP_PAPERS, tagged: BACKUP_PAPERS, notes: BACKUP_PAPERS };

async function writeBackup(dir: string): Promise<string> {
  const source = await Library.open(join(dir, 'source'));
  await source.importText({ text: readFixture('arxiv-2508.07662.bib') });
  const template = (JSON.parse((await source.exportPapers('json', {})).content) as { papers: Array<Record<string, unknown>> }).papers[0] ?? {};
  const papers = Array.from({ length: BACKUP_PAPERS }, (_, i) => ({ ...template, id: `t:restored-${i}`, arxivId: null, title: `Restored paper ${i}`, url: null, pdfUrl: null }));
  const annotations = Object.fromEntries(
    papers.map((paper, i) => [paper.id, { starred: true, tags: ['restored'], status: 'reading', updatedAt: '2026-01-01T00:00:00.000Z', note: `restored note ${i}\n\n${'words '.repeat(200)}` }]),
  );
  const path = join(dir, 'backup.json');
  writeFileSync(path, JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', papers, annotations }));
  return path;
}

function runChild(dataDir: string, backup: string, killAfterMs: number | null): Promise<{ killed: boolean; workMs: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, backup], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (killAfterMs !== null && out.startsWith('started\n') && !out.includes('timer')) {
        out += 'timer';
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (_code, signal) => {
      const done = /done (\d+)/.exec(out);
      resolve({ killed: signal === 'SIGKILL', workMs: done ? Number(done[1]) : null });
    });
  });
}

describe('a backup restore killed at a random moment', () => {
  it(`leaves the old library or, after the next open, the whole backup (${KILLS} kills)`, async () => {
    const root = tempDir();
    const backup = await writeBackup(root);
    const template = join(root, 'template');
    const seeded = await Library.open(template);
    await seeded.importText({ text: readFixture('arxiv-2508.07662.bib') });
    await seeded.close();

    // One uninterrupted restore: how long the work takes, and that it ends in the new state.
    const whole = join(root, 'whole');
    cpSync(template, whole, { recursive: true });
    const full = await runChild(whole, backup, null);
    expect(full.workMs).not.toBeNull();
    expect(await stateOf(await Library.open(whole))).toEqual(NEW);
    const workMs = full.workMs ?? 0;

    let halfDone = 0;
    let rolledForward = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const dataDir = join(root, `run-${kill}`);
      cpSync(template, dataDir, { recursive: true });
      const at = Math.round(((kill + 0.5) / KILLS) * workMs);
      const run = await runChild(dataDir, backup, at);
      const before = await stateOf(await Library.open(dataDir));
      if (JSON.stringify(before) !== JSON.stringify(OLD) && JSON.stringify(before) !== JSON.stringify(NEW)) halfDone++;
      const pending = existsSync(join(dataDir, RESTORE_JOURNAL_FILE));
      // What the library's open does first (see the wiring in backup-annotations.ts).
      const reopened = await Library.open(dataDir);
      const message = await completePendingRestore(dataDir, (parsed) => reopened.importParsed(parsed));
      if (message) rolledForward++;
      expect(message !== null).toBe(pending);
      const after = await stateOf(await Library.open(dataDir));
      expect([OLD, NEW], `kill ${kill} at ${at} ms (killed: ${run.killed}) left ${JSON.stringify(after)}`).toContainEqual(after);
      if (pending) expect(after).toEqual(NEW);
      expect(existsSync(join(dataDir, RESTORE_JOURNAL_FILE))).toBe(false);
    }
    console.log(`restore takes ~${workMs} ms; ${KILLS} kills: ${halfDone} left a half restore on disk, ${rolledForward} were rolled forward on the next open, all ended old or new`);
    expect(rolledForward).toBeGreaterThan(0);
  }, 300_000);
});
