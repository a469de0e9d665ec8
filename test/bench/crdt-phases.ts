/**
 * The phases of `npm run bench:crdt`, each run in its own process (for a cold start and its own
 * memory): the two CRDT engines on the same synthetic library, then Papershelf's own sync layout
 * (Yjs, one folder per device) opened with 1, 3 and 10 devices' history.
 */
import * as A from '@automerge/automerge';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { LocalChange } from '../../src/sync/library-doc.ts';
import { SyncedLibrary } from '../../src/sync/synced-library.ts';
import { MB, memoryAfterGc } from './bench-measure.ts';

const WORDS = 'sparse attention kv cache reward model agent language vision robot policy gradient diffusion token'.split(' ');
const EDITS = 200;

/** About 2 KB: 12 paragraphs of 20 words. */
export function syntheticNote(i: number): string {
  return Array.from({ length: 12 }, (_, p) => `Paragraph ${p} of ${i}: ${Array.from({ length: 20 }, (_, w) => WORDS[(i * 7 + p * 3 + w) % WORDS.length]).join(' ')}`).join('\n\n');
}

function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
}

async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

interface EnginePaper {
  starred: boolean;
  status: string | null;
  tags: Record<string, boolean>;
  note: string;
}

export function automergePhase({ papers }: { papers: number }) {
  type Doc = { papers: Record<string, EnginePaper> };
  const [built, buildMs] = time(() =>
    A.change(A.init<Doc>({ actor: 'aa'.repeat(16) }), (d) => {
      d.papers = {};
      for (let i = 0; i < papers; i++) d.papers[`p${i}`] = { starred: i % 3 === 0, status: i % 5 ? 'read' : null, tags: { ml: true, [`t${i % 20}`]: true }, note: syntheticNote(i) };
    }),
  );
  const [bytes, saveMs] = time(() => A.save(built));
  const [loaded, loadMs] = time(() => A.load<Doc>(bytes));
  const heapAfterLoadMB = memoryAfterGc().heapMB;
  const edits = Math.min(EDITS, papers);
  let a = A.clone(loaded, { actor: 'bb'.repeat(16) });
  let b = A.clone(loaded, { actor: 'cc'.repeat(16) });
  const [, editsMs] = time(() => {
    for (let i = 0; i < edits; i++) {
      a = A.change(a, (d) => {
        (d.papers[`p${i}`] as EnginePaper).starred = true;
        A.splice(d, ['papers', `p${i}`, 'note'], 0, 0, 'A says hi\n\n');
      });
    }
  });
  b = A.change(b, (d) => {
    for (let i = 0; i < edits; i++) {
      const paper = d.papers[`p${i}`] as EnginePaper;
      paper.tags.fresh = true;
      A.splice(d, ['papers', `p${i}`, 'note'], paper.note.length, 0, '\n\nB adds');
    }
  });
  const incrementalKB = A.saveSince(a, A.getHeads(loaded)).length / 1024;
  const [, mergeMs] = time(() => A.merge(a, b));
  return { buildMs, saveMs, sizeMB: bytes.length / MB, loadMs, heapAfterLoadMB, editsMs, incrementalKB, mergeMs };
}

export function yjsPhase({ papers }: { papers: number }) {
  const doc = new Y.Doc();
  const [, buildMs] = time(() =>
    doc.transact(() => {
      for (let i = 0; i < papers; i++) {
        doc.getMap('star').set(`p${i}\u0000a`, { v: i % 3 === 0, h: 'x' });
        doc.getMap('status').set(`p${i}\u0000a`, { v: i % 5 ? 'read' : null, h: 'x' });
        doc.getMap('tags').set(`p${i}\u0000ml`, { t: 'ml', h: 'x' });
        doc.getMap('tags').set(`p${i}\u0000t${i % 20}`, { t: `t${i % 20}`, h: 'x' });
        doc.getText(`note:p${i}`).insert(0, syntheticNote(i));
      }
    }),
  );
  const [bytes, saveMs] = time(() => Y.encodeStateAsUpdate(doc));
  doc.destroy();
  const loaded = new Y.Doc();
  const [, loadMs] = time(() => Y.applyUpdate(loaded, bytes));
  const heapAfterLoadMB = memoryAfterGc().heapMB;
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, bytes);
  Y.applyUpdate(b, bytes);
  const before = Y.encodeStateVector(loaded);
  const edits = Math.min(EDITS, papers);
  const [, editsMs] = time(() => {
    for (let i = 0; i < edits; i++) {
      a.transact(() => {
        a.getMap('star').set(`p${i}\u0000b`, { v: true, h: 'y' });
        a.getText(`note:p${i}`).insert(0, 'A says hi\n\n');
      });
    }
  });
  b.transact(() => {
    for (let i = 0; i < edits; i++) {
      b.getMap('tags').set(`p${i}\u0000fresh`, { t: 'fresh', h: 'z' });
      const note = b.getText(`note:p${i}`);
      note.insert(note.length, '\n\nB adds');
    }
  });
  const fromA = Y.encodeStateAsUpdate(a, before);
  const [, mergeMs] = time(() => {
    Y.applyUpdate(loaded, fromA);
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(b, before));
  });
  return { buildMs, saveMs, sizeMB: bytes.length / MB, loadMs, heapAfterLoadMB, editsMs, incrementalKB: fromA.length / 1024, mergeMs };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    total += info.isDirectory() ? folderBytes(path) : info.size;
  }
  return total;
}

function deviceEdits(device: number, papers: number): LocalChange[][] {
  return Array.from({ length: Math.min(EDITS, papers) }, (_, k) => {
    const paperId = `p${(k * 37 + device * 11) % papers}`;
    const kind = k % 4;
    return [
      kind === 0
        ? { type: 'star', paperId, starred: k % 8 === 0 }
        : kind === 1
          ? { type: 'add-tag', paperId, tag: `device-${device}` }
          : kind === 2
            ? { type: 'status', paperId, status: 'reading' }
            : { type: 'append-note', paperId, text: `A paragraph written on device ${device}, edit ${k}.` },
    ];
  });
}

/** Writes a library of `papers` as device 0 (as a migration would), then 200 edits on each other device. */
export async function syncSetupPhase({ papers, devices, dir }: { papers: number; devices: number; dir: string }) {
  const first = await SyncedLibrary.open(dir, { deviceId: 'device-0' });
  const changes: LocalChange[] = [];
  for (let i = 0; i < papers; i++) {
    const paperId = `p${i}`;
    changes.push(
      { type: 'star', paperId, starred: i % 3 === 0 },
      { type: 'status', paperId, status: i % 5 ? 'read' : null },
      { type: 'add-tag', paperId, tag: 'ml' },
      { type: 'add-tag', paperId, tag: `t${i % 20}` },
      { type: 'note', paperId, text: syntheticNote(i) },
    );
  }
  const [, initialMs] = await timeAsync(() => first.applyLocal(changes));
  first.close();
  const editMs: number[] = [];
  for (let device = 1; device < devices; device++) {
    const library = await SyncedLibrary.open(dir, { deviceId: `device-${device}` });
    const [, ms] = await timeAsync(async () => {
      for (const batch of deviceEdits(device, papers)) await library.applyLocal(batch);
    });
    editMs.push(ms / Math.min(EDITS, papers));
    library.close();
  }
  return { initialMs, editMsPerChange: editMs.length ? editMs.reduce((x, y) => x + y, 0) / editMs.length : null, folderMB: folderBytes(join(dir, 'sync')) / MB };
}

/** A cold open of the folder by a new device: read and merge every device's files, then compute the state. */
export async function syncOpenPhase({ dir }: { dir: string }) {
  const [library, openMs] = await timeAsync(() => SyncedLibrary.open(dir, { deviceId: 'reader' }));
  const [state, stateMs] = time(() => library.state());
  const memory = memoryAfterGc();
  const [, starMs] = await timeAsync(() => library.applyLocal([{ type: 'star', paperId: 'p1', starred: true }]));
  return { openMs, stateMs, papers: state.annotations.size, notes: state.notes.size, heapMB: memory.heapMB, rssMB: memory.rssMB, starMs };
}
