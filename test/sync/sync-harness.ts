import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SyncedLibrary } from '../../src/sync/synced-library.ts';
import { FolderCopier } from './folder-copier.ts';

/** Two data folders on "two machines", joined by a Dropbox-like copier; cleaned up after each test. */

const made: string[] = [];
const opened: SyncedLibrary[] = [];

afterEach(() => {
  for (const library of opened.splice(0)) library.close();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'papershelf-sync-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A wall clock a test moves by hand. */
export class TestClock {
  constructor(public ms = Date.UTC(2026, 0, 2, 3, 4, 5)) {}
  readonly now = () => this.ms;
  advance(ms = 1000): void {
    this.ms += ms;
  }
}

export async function openDevice(dataDir: string, deviceId: string, clock = new TestClock(), compactAfterFiles?: number): Promise<SyncedLibrary> {
  const library = await SyncedLibrary.open(dataDir, { deviceId, now: clock.now, ...(compactAfterFiles ? { compactAfterFiles } : {}) });
  opened.push(library);
  return library;
}

export interface TwoMachines {
  dirA: string;
  dirB: string;
  copier: FolderCopier;
  clockA: TestClock;
  clockB: TestClock;
  a: SyncedLibrary;
  b: SyncedLibrary;
  /** Copies both ways, then both devices read what arrived. */
  sync(): Promise<void>;
}

export async function twoMachines(idA = 'laptop', idB = 'desktop'): Promise<TwoMachines> {
  const dirA = tempDir();
  const dirB = tempDir();
  const clockA = new TestClock();
  const clockB = new TestClock();
  const machines: TwoMachines = {
    dirA,
    dirB,
    copier: new FolderCopier(dirA, dirB),
    clockA,
    clockB,
    a: await openDevice(dirA, idA, clockA),
    b: await openDevice(dirB, idB, clockB),
    async sync() {
      machines.copier.sync();
      await machines.a.refresh();
      await machines.b.refresh();
    },
  };
  return machines;
}

/** The merged state as plain data, for comparing two devices. */
export function plain(library: SyncedLibrary): unknown {
  const { annotations, notes } = library.state();
  return {
    annotations: Object.fromEntries([...annotations].sort(([x], [y]) => (x < y ? -1 : 1))),
    notes: Object.fromEntries([...notes].sort(([x], [y]) => (x < y ? -1 : 1))),
  };
}
