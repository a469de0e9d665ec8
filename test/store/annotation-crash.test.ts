import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { noteFileName } from '../../src/store/note-file-names.ts';
import { parseNote } from '../../src/store/note-front-matter.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';
import { annotationsAfter, baseAnnotations, NOTE_IDS, notesAfter, SHARED_PAPER } from './annotation-crash-model.ts';

const CHILD = join(REPO_ROOT, 'test/store/annotation-crash-child.ts');
const KILLS = 40;

interface Running {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    void exited.then(({ code, stderr: err }) => reject(new Error(`child exited (${code}) before it was ready: ${err}`)));
  });
  return { child, ready, exited };
}

function lastFinishedStep(progressFile: string): number {
  if (!existsSync(progressFile)) return 0;
  // Only whole lines count: the kill may cut the last append short.
  const lines = readFileSync(progressFile, 'utf8').split('\n').slice(0, -1);
  return lines.length === 0 ? 0 : Number(lines.at(-1));
}

function notesOnDisk(dataDir: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const id of NOTE_IDS) {
    const path = join(dataDir, 'notes', noteFileName(id));
    if (!existsSync(path)) continue;
    const { meta, body } = parseNote(readFileSync(path, 'utf8'));
    expect(meta.id).toBe(id);
    notes.set(id, body);
  }
  return notes;
}

describe('killing a writer at random moments', () => {
  it(`leaves annotations.json and every note whole, at the previous or the new state (${KILLS} kills)`, async () => {
    const dataDir = tempDir();
    const progress = join(dataDir, 'progress.txt');
    AnnotationStore.open(dataDir).updateMany(new Map(Object.entries(baseAnnotations()).map(([id, a]) => [id, () => a])));
    let finished = 0;
    let interruptedWrites = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const running = run(['steps', dataDir, String(finished + 1), progress]);
      await running.ready;
      // Kill only after this run finished a step, so every round makes progress; then anywhere in the next ones.
      while (lastFinishedStep(progress) <= finished && running.child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
      running.child.kill('SIGKILL');
      const exit = await running.exited;
      expect(exit.signal, exit.stderr).toBe('SIGKILL');

      const last = lastFinishedStep(progress);
      expect(last).toBeGreaterThan(finished);
      const leftovers = [...readdirSync(dataDir), ...(existsSync(join(dataDir, 'notes')) ? readdirSync(join(dataDir, 'notes')) : [])];
      if (leftovers.some((name) => name.includes('.tmp-'))) interruptedWrites++;

      // The raw file parses on its own: no help from the store's recovery.
      const doc = JSON.parse(readFileSync(join(dataDir, 'annotations.json'), 'utf8')) as { schemaVersion: number; papers: unknown };
      expect(doc.schemaVersion).toBe(1);
      const atOld = JSON.stringify(doc.papers) === JSON.stringify(annotationsAfter(last));
      const atNew = JSON.stringify(doc.papers) === JSON.stringify(annotationsAfter(last + 1));
      expect(atOld || atNew, `annotations after kill ${kill} are neither step ${last} nor ${last + 1}`).toBe(true);

      const notes = notesOnDisk(dataDir);
      const notesOld = JSON.stringify([...notes].sort()) === JSON.stringify([...notesAfter(last)].sort());
      const notesNew = JSON.stringify([...notes].sort()) === JSON.stringify([...notesAfter(last + 1)].sort());
      // Step order is annotation, then note: new notes with old annotations would mean a lost write.
      expect(notesOld || (notesNew && atNew), `notes after kill ${kill} do not match step ${last} or ${last + 1}`).toBe(true);

      const reopened = AnnotationStore.open(dataDir);
      expect(reopened.problems).toEqual([]);
      expect(new NoteStore(dataDir).readAll()).toEqual(notes);
      finished = last;
    }
    // Reopening after the kills removed every temporary file a killed writer left.
    const remaining = readdirSync(dataDir).filter((name) => name.includes('.tmp-'));
    expect(remaining).toEqual([]);
    console.info(`${KILLS} kills, ${finished} steps, ${interruptedWrites} kills left a half-written temporary file`);
  }, 300_000);
});

describe('two processes writing to one data folder', () => {
  it('never lose each other’s updates to the same paper', async () => {
    const dataDir = tempDir();
    const go = join(dataDir, 'go');
    const children = [run(['tags', dataDir, 'a', '60', go]), run(['tags', dataDir, 'b', '60', go])];
    await Promise.all(children.map((c) => c.ready));
    writeFileSync(go, '');
    for (const c of children) {
      const exit = await c.exited;
      expect(exit.code, exit.stderr).toBe(0);
    }
    const tags = AnnotationStore.open(dataDir).get(SHARED_PAPER)?.tags ?? [];
    expect(tags).toHaveLength(120);
    expect(new Set(tags)).toEqual(new Set([...Array(60).keys()].flatMap((i) => [`a${i}`, `b${i}`])));
  }, 120_000);
});
