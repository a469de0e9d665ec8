import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { compactDevice, COMPACT_AFTER_FILES, countDeviceFiles, countDeviceFilesSync, writeUpdateFile, writeUpdateFileSync, type CompactionResult } from './device-log.ts';
import { isDeviceId } from './device-id.ts';
import { readSyncFolder, refKey, type DeviceFileRef, type ReadSource, type SyncProblem } from './folder-reader.ts';
import { HybridClock } from './hlc.ts';
import {
  applyLocal,
  devicesSeen,
  latestStamp,
  LOCAL_ORIGIN,
  markForgotten,
  mergedState,
  type DeviceSeen,
  type LocalChange,
  type MergedState,
} from './library-doc.ts';
import { deviceDir } from './sync-layout.ts';

/*
 * One device's view of a synced data folder: the merge of every device's files, and this device's
 * changes written to its own folder. Operations run one at a time per instance; other processes of the
 * same device write their own immutable files, so nothing here needs the data folder's write lock.
 */

function undecodable(source: ReadSource, error: unknown): SyncProblem {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    kind: 'damaged',
    folder: source.folder,
    name: source.name,
    message: `sync/devices/${source.folder}/${source.name} holds changes that cannot be decoded (${reason.slice(0, 120)}); skipped`,
  };
}

export interface SyncedLibraryOptions {
  deviceId: string;
  /** The wall clock (tests move it). */
  now?: () => number;
  compactAfterFiles?: number;
}

export class SyncedLibrary {
  /** The merged document (read it; change it only through `applyLocal`/`applyLocalNow`). */
  readonly doc = new Y.Doc();
  private readonly clock: HybridClock;
  private readonly applied = new Map<string, DeviceFileRef>();
  private queue: Promise<unknown> = Promise.resolve();
  private lastProblems: SyncProblem[] = [];
  private changes = 0;

  private constructor(
    readonly dataDir: string,
    readonly deviceId: string,
    now: () => number,
    private readonly compactAfterFiles: number,
  ) {
    this.clock = new HybridClock(deviceId, now);
    this.doc.on('update', () => void (this.changes += 1));
  }

  /** Grows whenever the merged state may have changed: a cache of `state()` is good while it stays. */
  get revision(): number {
    return this.changes;
  }

  static async open(dataDir: string, options: SyncedLibraryOptions): Promise<SyncedLibrary> {
    if (!isDeviceId(options.deviceId)) throw new Error(`not a device id: ${JSON.stringify(options.deviceId)}`);
    const library = new SyncedLibrary(dataDir, options.deviceId, options.now ?? Date.now, options.compactAfterFiles ?? COMPACT_AFTER_FILES);
    await library.refresh();
    return library;
  }

  /** What the last read found that it could not use (damaged, newer-format or unreadable files). */
  problems(): SyncProblem[] {
    return [...this.lastProblems];
  }

  /** Reads files that arrived or changed since the last read; true when the merged state may have changed. */
  refresh(): Promise<boolean> {
    return this.serial(() => this.readNewFiles());
  }

  applyLocal(changes: readonly LocalChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.serial(async () => {
      await this.readNewFiles();
      const [stamp, update] = this.captureLocal(() => applyLocal(this.doc, this.clock, changes));
      if (update) await this.writeOwn(stamp, update);
      if ((await countDeviceFiles(this.dataDir, this.deviceId)) > this.compactAfterFiles) await this.compactNow([]);
    });
  }

  /**
   * Applies this device's changes and writes them before returning, for callers whose API is
   * synchronous (the annotation and note stores). Files other devices wrote meanwhile are read on the
   * next `refresh`; the changes merge with them either way.
   */
  applyLocalNow(changes: readonly LocalChange[]): boolean {
    if (changes.length === 0) return false;
    const [stamp, update] = this.captureLocal(() => applyLocal(this.doc, this.clock, changes));
    if (!update) return false;
    const name = writeUpdateFileSync(this.dataDir, this.deviceId, { ...stamp, device: this.deviceId }, update);
    this.markAppliedSync(name);
    if (countDeviceFilesSync(this.dataDir, this.deviceId) > this.compactAfterFiles) {
      // Compaction only tidies: a failure leaves the files it would have merged, all still read.
      this.compact().catch(() => undefined);
    }
    return true;
  }

  state(): MergedState {
    return mergedState(this.doc);
  }

  devices(): DeviceSeen[] {
    return devicesSeen(this.doc);
  }

  /** Merges this device's files into one snapshot. */
  compact(): Promise<CompactionResult> {
    return this.serial(async () => {
      await this.readNewFiles();
      return this.compactNow([]);
    });
  }

  /**
   * Retires `deviceId`: its changes stay in the library, carried from now on by a snapshot in this
   * device's folder, and its files are removed (its folder too, once empty).
   */
  forget(deviceId: string): Promise<CompactionResult> {
    return this.serial(async () => {
      if (deviceId === this.deviceId) throw new Error('a device cannot forget itself; forget it from another device');
      if (!isDeviceId(deviceId)) throw new Error(`not a device id: ${JSON.stringify(deviceId)}`);
      await this.readNewFiles();
      const [stamp, update] = this.captureLocal(() => markForgotten(this.doc, this.clock, deviceId));
      if (update) await this.writeOwn(stamp, update);
      return this.compactNow([deviceId]);
    });
  }

  close(): void {
    this.doc.destroy();
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `change` and returns the update its local transactions produced, or null when nothing changed. */
  private captureLocal<T>(change: () => T): [T, Uint8Array | null] {
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL_ORIGIN) updates.push(update);
    };
    this.doc.on('update', capture);
    let result: T;
    try {
      result = change();
    } finally {
      this.doc.off('update', capture);
    }
    if (updates.length === 0) return [result, null];
    return [result, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)];
  }

  /**
   * Applies the changes of `sources`; returns the ones Yjs refused. A file whose checksum is right can
   * still hold bytes Yjs cannot decode (a bug in some version, a hand-made file): it is reported and
   * skipped, never allowed to make the library unopenable. Yjs decodes an update before integrating
   * any of it, so a refused update leaves nothing half-applied.
   */
  private applySources(sources: readonly ReadSource[]): SyncProblem[] {
    const refused: SyncProblem[] = [];
    if (sources.length === 0) return refused;
    Y.transact(this.doc, () => {
      for (const source of sources) {
        for (const update of source.updates) {
          try {
            Y.applyUpdate(this.doc, update);
          } catch (error) {
            refused.push(undecodable(source, error));
            break;
          }
        }
      }
    });
    return refused;
  }

  private async readNewFiles(): Promise<boolean> {
    const read = await readSyncFolder(this.dataDir, this.applied);
    const changed = read.sources.length > 0;
    read.problems.push(...this.applySources(read.sources));
    const damaged = new Set(read.problems.filter((p) => p.name !== undefined).map((p) => `${p.folder}/${p.name}`));
    for (const [key, ref] of read.seen) if (!damaged.has(key)) this.applied.set(key, ref);
    for (const key of [...this.applied.keys()]) if (!read.seen.has(key)) this.applied.delete(key);
    this.lastProblems = read.problems;
    const seen = latestStamp(this.doc);
    if (seen) this.clock.observe(seen);
    return changed;
  }

  private async writeOwn(stamp: { wall: number; counter: number }, update: Uint8Array): Promise<void> {
    const name = await writeUpdateFile(this.dataDir, this.deviceId, { ...stamp, device: this.deviceId }, update);
    await this.markApplied(name);
  }

  private markAppliedSync(name: string): void {
    try {
      const info = statSync(join(deviceDir(this.dataDir, this.deviceId), name));
      const ref = { folder: this.deviceId, name, version: `${info.size}:${info.mtimeMs}` };
      this.applied.set(refKey(ref), ref);
    } catch {
      // Already compacted by another process of this device: the next read simply finds its snapshot.
    }
  }

  private async markApplied(name: string): Promise<void> {
    this.markAppliedSync(name);
  }

  private async compactNow(absorb: string[]): Promise<CompactionResult> {
    const result = await compactDevice(this.dataDir, this.deviceId, this.clock.tick(), absorb);
    // Files that arrived after the last read went into the snapshot too: take them in before the
    // snapshot is marked as already applied.
    const fresh = result.merged.filter((source) => this.applied.get(refKey(source))?.version !== source.version);
    result.problems.push(...this.applySources(fresh));
    if (result.snapshot) await this.markApplied(result.snapshot);
    return result;
  }
}
