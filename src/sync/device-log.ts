import { readdir, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { readdirSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicSync } from '../store/atomic-write.ts';
import { moveToBackups } from '../store/backups.ts';
import { ensurePrivateDir } from '../store/disk-errors.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { readSyncFolder, type ReadSource, type SyncProblem } from './folder-reader.ts';
import type { Hlc } from './hlc.ts';
import { encodeDeviceFile } from './update-file-codec.ts';
import { DEVICE_LOCK_NAME, classifyDeviceFolderEntry, deviceDir, deviceFileName } from './sync-layout.ts';

/*
 * The only code that writes under sync/devices/. A device writes new files in its own folder and never
 * rewrites one, so a sync tool never sees two versions of a file. Compaction merges a device's files
 * into one snapshot (written and fsynced first), then removes exactly the files it merged: a file that
 * arrives meanwhile stays, and a second process compacting at the same time only makes a redundant
 * snapshot, because changes are idempotent. The per-device lock (`sync/devices/<id>/write.lock`) only
 * keeps two processes of this device from doing that work twice; no device ever reads another's lock.
 */

/** Compact when a device has more files than this. */
export const COMPACT_AFTER_FILES = 64;

export async function writeUpdateFile(dataDir: string, deviceId: string, stamp: Hlc, update: Uint8Array): Promise<string> {
  const dir = deviceDir(dataDir, deviceId);
  ensurePrivateDir(dir);
  const name = deviceFileName('update', stamp);
  await writeFileAtomic(join(dir, name), encodeDeviceFile('update', [update]));
  return name;
}

/** The same, before returning to a caller whose API is synchronous (the annotation and note stores). */
export function writeUpdateFileSync(dataDir: string, deviceId: string, stamp: Hlc, update: Uint8Array): string {
  const dir = deviceDir(dataDir, deviceId);
  ensurePrivateDir(dir);
  const name = deviceFileName('update', stamp);
  writeFileAtomicSync(join(dir, name), encodeDeviceFile('update', [update]));
  return name;
}

export function countDeviceFilesSync(dataDir: string, deviceId: string): number {
  try {
    return readdirSync(deviceDir(dataDir, deviceId)).filter((name) => classifyDeviceFolderEntry(name).type !== 'other').length;
  } catch {
    return 0;
  }
}

export async function countDeviceFiles(dataDir: string, deviceId: string): Promise<number> {
  try {
    const names = await readdir(deviceDir(dataDir, deviceId));
    return names.filter((name) => classifyDeviceFolderEntry(name).type !== 'other').length;
  } catch {
    return 0;
  }
}

export interface CompactionResult {
  snapshot: string | null;
  removed: string[];
  /** Damaged files of the compacted folders, moved to backups/ (never deleted). */
  setAside: string[];
  problems: SyncProblem[];
  /** The files that went into the snapshot, with their changes. */
  merged: ReadSource[];
}

async function removeIfUnchanged(path: string, version: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (`${info.size}:${info.mtimeMs}` !== version) return false;
    await unlink(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Merges the files of `deviceId` — and of `absorb`, retired devices whose changes this device takes
 * over — into one snapshot in `deviceId`'s folder, then removes the merged files. A retired device's
 * folder is removed when nothing else is left in it.
 */
export async function compactDevice(
  dataDir: string,
  deviceId: string,
  stamp: Hlc,
  absorb: readonly string[] = [],
): Promise<CompactionResult> {
  const own = deviceDir(dataDir, deviceId);
  ensurePrivateDir(own);
  return withWriteLock(
    own,
    async () => {
      const folders = new Set([deviceId, ...absorb]);
      const read = await readSyncFolder(dataDir, new Map(), folders);
      const result: CompactionResult = { snapshot: null, removed: [], setAside: [], problems: read.problems, merged: read.sources };
      for (const source of read.sources) {
        if (!source.updates.every(isDecodable)) {
          read.problems.push({ kind: 'damaged', folder: source.folder, name: source.name, message: `sync/devices/${source.folder}/${source.name} holds changes that cannot be decoded` });
        }
      }
      const damaged = (source: ReadSource) => read.problems.some((p) => p.folder === source.folder && p.name === source.name);
      // Whole records of a damaged file are changes too: they go into the snapshot, the file to backups/.
      const updates = read.sources.flatMap((source) => source.updates.filter(isDecodable));
      const sources = read.sources.filter((source) => !damaged(source));
      if (updates.length > 0 && !(read.sources.length === 1 && sources[0]?.folder === deviceId && sources[0].type === 'snapshot')) {
        const merged = Y.mergeUpdates(updates);
        const name = deviceFileName('snapshot', stamp);
        const bytes = encodeDeviceFile('snapshot', [merged]);
        await writeFileAtomic(join(own, name), bytes);
        result.snapshot = name;
        for (const source of sources) {
          const path = join(deviceDir(dataDir, source.folder), source.name);
          if (await removeIfUnchanged(path, source.version)) result.removed.push(`${source.folder}/${source.name}`);
        }
      }
      // Damaged files of this device (or of a retired one) would be reported forever: keep them aside.
      for (const problem of read.problems) {
        if (problem.kind !== 'damaged' || problem.name === undefined) continue;
        result.setAside.push(moveToBackups(dataDir, join(deviceDir(dataDir, problem.folder), problem.name), problem.message));
      }
      for (const retired of absorb) await removeFolderIfDone(deviceDir(dataDir, retired));
      return result;
    },
    { name: DEVICE_LOCK_NAME },
  );
}

/** Removes a retired device's folder once only its lock (or nothing) is left in it. */
async function removeFolderIfDone(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  if (names.some((name) => classifyDeviceFolderEntry(name).type !== 'lock')) return;
  for (const name of names) await unlink(join(dir, name)).catch(() => undefined);
  await rmdir(dir).catch(() => undefined);
}

/** Yjs refuses (throws on) an update it cannot decode; merging one into a snapshot would fail the whole compaction. */
function isDecodable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}
