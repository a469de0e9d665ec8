/**
 * Notices when ANOTHER process (the CLI, a second server, the desktop app, or a sync tool bringing
 * another device's files) changes the data folder: annotations.json, notes/*.md, papers/manifest.json,
 * and in a synced folder every device's files under sync/devices/. Our own writes show up in the file
 * system too, so the owner calls `acknowledge()` right after each change it made; only versions of the
 * files we have not acknowledged count as external. Sync tools on some systems (network drives,
 * iCloud) do not always raise file-system notices, so a synced folder is also looked at every second.
 */
import { existsSync, watch, type FSWatcher, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOTATIONS_FILE } from '../store/annotation-store.ts';
import { NOTES_DIR } from '../store/note-store.ts';
import { PAPERS_DIR } from '../store/segment-files.ts';
import { MANIFEST_NAME } from '../store/segment-manifest.ts';
import { isAtomicTempFile } from '../store/atomic-write.ts';
import { DEVICE_LOCK_NAME, devicesRoot, SYNC_DIR } from '../sync/sync-layout.ts';

const POLL_MS = 1000;
const DEVICES_PREFIX = `${SYNC_DIR}/devices/`;

export type DataArea = 'annotations' | 'notes' | 'papers';

type Snapshot = Map<string, string>;

/** Every write is an atomic rename, so inode + size + mtime identify one version of a file. */
function stamp(path: string): string | null {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return null;
  }
}

function areaOf(key: string): DataArea {
  if (key.startsWith(`${NOTES_DIR}/`)) return 'notes';
  if (key.startsWith(`${PAPERS_DIR}/`) || (key.startsWith(DEVICES_PREFIX) && key.includes(`/${PAPERS_DIR}/`))) return 'papers';
  return 'annotations';
}

export class DataFolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private known: Snapshot = new Map();
  private timer: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly onExternalChange: (areas: Set<DataArea>) => void,
    private readonly debounceMs = 100,
  ) {}

  start(): void {
    this.known = this.snapshot();
    this.attach(this.dataDir);
    this.attachSubfolders();
    this.poll = setInterval(() => {
      if (existsSync(join(this.dataDir, SYNC_DIR))) this.check();
    }, POLL_MS);
    this.poll.unref();
  }

  /** Call right after this process changed the folder: what is on disk now is ours, not news. */
  acknowledge(): void {
    this.known = this.snapshot();
  }

  /** Compares the folder with what we know now, without waiting for the file system's notice. */
  check(): void {
    if (this.closed) return;
    this.attachSubfolders();
    const now = this.snapshot();
    const areas = new Set<DataArea>();
    for (const key of new Set([...now.keys(), ...this.known.keys()])) {
      if (now.get(key) !== this.known.get(key)) areas.add(areaOf(key));
    }
    this.known = now;
    if (areas.size > 0) this.onExternalChange(areas);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private snapshot(): Snapshot {
    const snapshot: Snapshot = new Map();
    const add = (key: string) => {
      const value = stamp(join(this.dataDir, key));
      if (value !== null) snapshot.set(key, value);
    };
    add(ANNOTATIONS_FILE);
    add(`${PAPERS_DIR}/${MANIFEST_NAME}`);
    let notes: string[];
    try {
      notes = readdirSync(join(this.dataDir, NOTES_DIR)).filter((name) => name.endsWith('.md'));
    } catch {
      notes = [];
    }
    for (const name of notes) add(`${NOTES_DIR}/${name}`);
    for (const folder of this.deviceFolders()) {
      for (const name of listNames(join(this.dataDir, folder))) {
        if (isAtomicTempFile(name) || name === `${DEVICE_LOCK_NAME}.lock`) continue;
        if (name === PAPERS_DIR) add(`${folder}/${PAPERS_DIR}/${MANIFEST_NAME}`);
        else add(`${folder}/${name}`);
      }
    }
    return snapshot;
  }

  /** `sync/devices/<id>` of every device, relative to the data folder (none when not synced). */
  private deviceFolders(): string[] {
    return listNames(devicesRoot(this.dataDir)).map((id) => `${DEVICES_PREFIX}${id}`);
  }

  /** notes/ and papers/ appear with the first note and the first import; watch them once they exist. */
  private attachSubfolders(): void {
    const folders = [NOTES_DIR, PAPERS_DIR, SYNC_DIR, `${SYNC_DIR}/devices`, ...this.deviceFolders().flatMap((folder) => [folder, `${folder}/${PAPERS_DIR}`])];
    for (const name of folders) {
      const dir = join(this.dataDir, name);
      if (!this.watchers.has(dir)) this.attach(dir);
    }
  }

  private attach(dir: string): void {
    if (this.closed) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, () => this.schedule());
    } catch {
      return; // Not there yet.
    }
    watcher.on('error', () => {
      // The folder was removed or replaced: watch it again when it is back.
      watcher.close();
      this.watchers.delete(dir);
      this.schedule();
    });
    this.watchers.set(dir, watcher);
  }

  /** Writers touch several files in a burst (an import writes segments, then the manifest): wait for quiet. */
  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.debounceMs);
    this.timer.unref();
  }
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
