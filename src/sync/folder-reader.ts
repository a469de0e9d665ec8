import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeviceId } from './device-id.ts';
import { decodeDeviceFile } from './update-file-codec.ts';
import { classifyDeviceFolderEntry, devicesRoot, type DeviceFolderEntry } from './sync-layout.ts';

/*
 * Reads every device's files. Nothing found here can stop the library from opening: a file cut short by
 * a sync tool (it may still be arriving), damaged, or written by a newer Papershelf is skipped and
 * reported, and read again on the next pass; it is never moved or deleted here, because it may sit in
 * another device's folder, which only that device writes.
 */

export interface DeviceFileRef {
  /** The folder the file is in: a device id, or an odd folder name a sync tool made. */
  folder: string;
  name: string;
  /** `size:mtimeMs`: a file re-read with the same version is not applied twice. */
  version: string;
}

export interface ReadSource extends DeviceFileRef {
  type: 'update' | 'snapshot' | 'conflicted-copy';
  updates: Uint8Array[];
}

export type SyncProblemKind = 'damaged' | 'newer-format' | 'unreadable' | 'odd-folder';

export interface SyncProblem {
  kind: SyncProblemKind;
  folder: string;
  name?: string;
  message: string;
}

export interface FolderRead {
  sources: ReadSource[];
  problems: SyncProblem[];
  /** Every file seen that holds changes or could (damaged ones too), by `folder/name`. */
  seen: Map<string, DeviceFileRef>;
}

const RELIST_ATTEMPTS = 5;

export function refKey(ref: { folder: string; name: string }): string {
  return `${ref.folder}/${ref.name}`;
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

function isChangeFile(entry: DeviceFolderEntry): entry is DeviceFolderEntry & { type: ReadSource['type'] } {
  return entry.type === 'update' || entry.type === 'snapshot' || entry.type === 'conflicted-copy';
}

/**
 * Reads the device folders under `dataDir`. `already` holds files applied in an earlier pass (same
 * version): they are listed in `seen` but not read again. `onlyFolders` limits the pass to some devices.
 */
export async function readSyncFolder(
  dataDir: string,
  already: ReadonlyMap<string, DeviceFileRef> = new Map(),
  onlyFolders?: ReadonlySet<string>,
): Promise<FolderRead> {
  const root = devicesRoot(dataDir);
  const result: FolderRead = { sources: [], problems: [], seen: new Map() };
  for (const folder of (await listDir(root)).sort()) {
    if (onlyFolders && !onlyFolders.has(folder)) continue;
    const folderPath = join(root, folder);
    if (!isDeviceId(folder)) {
      result.problems.push({ kind: 'odd-folder', folder, message: `sync/devices/${folder} is not named like a device; its changes are read anyway` });
    }
    await readFolder(folder, folderPath, already, result);
  }
  return result;
}

/**
 * Reads one device folder. A device compacts by writing its snapshot first and then removing the
 * files it merged, so a file that vanishes between the listing and the read means a snapshot this
 * listing missed: the folder is listed again (a few times at most), reading only what is new.
 */
async function readFolder(folder: string, folderPath: string, already: ReadonlyMap<string, DeviceFileRef>, result: FolderRead): Promise<void> {
  const handled = new Set<string>();
  for (let attempt = 0; attempt < RELIST_ATTEMPTS; attempt++) {
    let vanished = false;
    for (const name of (await listDir(folderPath)).sort()) {
      const entry = classifyDeviceFolderEntry(name);
      if (!isChangeFile(entry) || handled.has(name)) continue;
      handled.add(name);
      const path = join(folderPath, name);
      let version: string;
      try {
        const info = await stat(path);
        if (!info.isFile()) continue;
        version = `${info.size}:${info.mtimeMs}`;
      } catch {
        vanished = true;
        continue;
      }
      const ref: DeviceFileRef = { folder, name, version };
      const key = refKey(ref);
      result.seen.set(key, ref);
      if (already.get(key)?.version === version) continue;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          result.seen.delete(key);
          vanished = true;
          continue;
        }
        result.problems.push({ kind: 'unreadable', folder, name, message: `sync/devices/${folder}/${name} cannot be read (${code ?? 'error'})` });
        continue;
      }
      const decoded = decodeDeviceFile(bytes);
      if (decoded.ok) {
        result.sources.push({ ...ref, type: entry.type, updates: decoded.records });
      } else if (decoded.problem === 'newer-format') {
        result.problems.push({
          kind: 'newer-format',
          folder,
          name,
          message: `sync/devices/${folder}/${name} was written by a newer Papershelf (format ${decoded.format}); update Papershelf to see its changes`,
        });
      } else {
        // Whole records before the damage are still changes that device made: use them.
        if (decoded.records.length > 0) result.sources.push({ ...ref, type: entry.type, updates: decoded.records });
        result.problems.push({
          kind: 'damaged',
          folder,
          name,
          message: `sync/devices/${folder}/${name} is incomplete or damaged (${decoded.reason}); skipped until it is whole`,
        });
      }
    }
    if (!vanished) return;
  }
}
