import { spawn } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { RESTORE_JOURNAL_FILE } from '../../src/store/restore-journal.ts';
import { CLI_BIN, cliProcess } from '../cli/run-cli.ts';
import { readFixture, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

/*
 * `papershelf import backup.json` killed with SIGKILL at a random moment: the next command sees
 * either the old library or the whole backup (papers, stars, tags and every note), and says so
 * when it had to finish an interrupted restore.
 */

const KILLS = Number(process.env.PAPERSHELF_RESTORE_KILLS ?? 6);
const BACKUP_PAPERS = 200;

interface State {
  papers: number;
  starred: number;
  tagged: number;
  notes: number;
}

/** What the next command sees, through the real CLI. */
function stateOf(dataDir: string): { state: State; stderr: string } {
  const stats = cliProcess(dataDir, ['stats', '--json']);
  expect(stats.code, stats.stderr).toBe(0);
  const listed = cliProcess(dataDir, ['list', '--tag', 'restored', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  const s = stats.json<{ papers: number; starred: number; notes: number }>();
  return { state: { papers: s.papers - 1, starred: s.starred, tagged: listed.json<{ total: number }>().total, notes: s.notes }, stderr: stats.stderr };
}

const OLD: State = { papers: 0, starred: 0, tagged: 0, notes: 0 };
const NEW: State = { papers: BACKUP_PAPERS, starred: BACKUP_PAPERS, tagged: BACKUP_PAPERS, notes: BACKUP_PAPERS };

async function writeBackup(dir: string): Promise<string> {
  const source = await Library.open(join(dir, 'source'));
  await source.importText({ text: readFixture('arxiv-2508.07662.bib') });
  const template = (JSON.parse((await source.exportPapers('json', {})).content) as { papers: Array<Record<string, unknown>> }).papers[0] ?? {};
  await source.close();
  const papers = Array.from({ length: BACKUP_PAPERS }, (_, i) => ({ ...template, id: `t:restored-${i}`, arxivId: null, title: `Restored paper ${i}`, url: null, pdfUrl: null }));
  const annotations = Object.fromEntries(
    papers.map((paper, i) => [paper.id, { starred: true, tags: ['restored'], status: 'reading', updatedAt: '2026-01-01T00:00:00.000Z', note: `restored note ${i}\n\n${'words '.repeat(200)}` }]),
  );
  const path = join(dir, 'backup.json');
  writeFileSync(path, JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', papers, annotations }));
  return path;
}

/**
 * Runs `papershelf import BACKUP`; with `kill`, sends SIGKILL `kill.afterMs` after the start or,
 * with `kill.afterJournal`, that long after the restore journal appeared (the restore has begun).
 */
function runImport(dataDir: string, backup: string, kill: { afterMs: number; afterJournal: boolean } | null): Promise<{ killed: boolean; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dataDir, 'import', backup], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, PAPERSHELF_DATA_DIR: '' } });
  let poll: NodeJS.Timeout | null = null;
  if (kill && !kill.afterJournal) setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
  if (kill?.afterJournal) {
    poll = setInterval(() => {
      if (!existsSync(join(dataDir, RESTORE_JOURNAL_FILE))) return;
      if (poll) clearInterval(poll);
      setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    }, 2);
  }
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ killed: signal === 'SIGKILL', ms: performance.now() - started });
    });
  });
}

/** A small seeded generator, so a failing run can be repeated (PAPERSHELF_RESTORE_SEED). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('papershelf import backup.json killed at a random moment', () => {
  it(`leaves the next command the old library or the whole backup (${KILLS} kills)`, async () => {
    const root = tempDir();
    const backup = await writeBackup(root);
    const template = join(root, 'template');
    expect(cliProcess(template, ['import', join(REPO_ROOT, '../shared/fixtures/arxiv-2508.07662.bib')]).code).toBe(0);

    // One uninterrupted restore: how long the command takes, and that it ends in the new state.
    const whole = join(root, 'whole');
    cpSync(template, whole, { recursive: true });
    const full = await runImport(whole, backup, null);
    expect(stateOf(whole).state).toEqual(NEW);

    const seed = Number(process.env.PAPERSHELF_RESTORE_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    let killedMidRestore = 0;
    let rolledForward = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const dataDir = join(root, `run-${kill}`);
      cpSync(template, dataDir, { recursive: true });
      // Half the kills anywhere in the command's life, half once the restore has begun.
      const afterJournal = kill % 2 === 1;
      const afterMs = Math.round(next() * (afterJournal ? full.ms / 3 : full.ms));
      const run = await runImport(dataDir, backup, { afterMs, afterJournal });
      const pending = existsSync(join(dataDir, RESTORE_JOURNAL_FILE));
      if (pending) killedMidRestore++;
      const { state, stderr } = stateOf(dataDir);
      const where = `seed ${seed}, kill ${kill} ${afterMs} ms after ${afterJournal ? 'the journal appeared' : 'the start'} (killed: ${run.killed})`;
      expect([OLD, NEW], `${where} left ${JSON.stringify(state)}`).toContainEqual(state);
      if (pending) {
        rolledForward++;
        expect(state, where).toEqual(NEW);
        expect(stderr, where).toMatch(/papershelf: warning: a restore from a backup had been interrupted; it was finished now/);
      }
      expect(existsSync(join(dataDir, RESTORE_JOURNAL_FILE)), where).toBe(false);
    }
    console.log(
      `papershelf import of a ${BACKUP_PAPERS}-paper backup takes ~${Math.round(full.ms)} ms; ${KILLS} kills (seed ${seed}): ${killedMidRestore} mid-restore, rolled forward by the next command; all ended old or new`,
    );
    expect(rolledForward).toBeGreaterThan(0);
  }, 300_000);
});
