import { join } from 'node:path';
import { PapershelfError } from '../model/errors.ts';
import { AnnotationStore } from '../store/annotation-store.ts';
import { isDiskRefusal } from '../store/disk-errors.ts';
import { HISTORY_DIR, NoteHistory, MAX_HISTORY_BYTES } from '../store/note-history.ts';
import { NoteStore } from '../store/note-store.ts';
import { resolveDeviceId } from './device-identity.ts';
import { SyncedAnnotationStore } from './synced-annotation-store.ts';
import { SyncedLibrary } from './synced-library.ts';
import { SyncedNoteStore } from './synced-note-store.ts';
import { rollForward } from './sync-migration.ts';
import { annotationsFileState, isSyncLayout } from './sync-marker.ts';

/*
 * The stores a Library reads and writes annotations and notes through: annotations.json and notes/ of
 * a single-folder library, or the merged state of every device in a synced one (same API).
 */

export interface LibraryStores {
  annotations: AnnotationStore;
  notes: NoteStore;
}

/** A synced library's two stores over one merged state. */
export class SyncedStores implements LibraryStores {
  constructor(
    readonly synced: SyncedLibrary,
    readonly annotations: SyncedAnnotationStore,
    readonly notes: SyncedNoteStore,
  ) {}

  /** Reads what other devices (and other programs, in notes/) changed; true when anything did. */
  async refresh(): Promise<boolean> {
    const changed = await this.synced.refresh();
    const edited = this.notes.reconcile();
    this.annotations.problems.splice(0, this.annotations.problems.length, ...this.synced.problems().map((problem) => problem.message));
    return changed || edited.length > 0;
  }
}

const sessions = new WeakMap<AnnotationStore, SyncedStores>();

/** The synced stores `annotations` belongs to, or null for a single-folder library. */
export function syncedStoresOf(annotations: AnnotationStore): SyncedStores | null {
  return sessions.get(annotations) ?? null;
}

/**
 * Opens the stores of `dataDir`. With `previous` (the stores of a library open on the same folder),
 * a synced library reads only what changed since instead of every device's files again.
 */
export async function openLibraryStores(dataDir: string, previous?: AnnotationStore): Promise<LibraryStores> {
  if (!isSyncLayout(dataDir)) {
    if (annotationsFileState(dataDir) === 'marker') {
      throw new PapershelfError('corrupt-data', 'this library is synced but its sync/ folder is missing: wait until the sync tool has copied it, or restore sync/ from a backup');
    }
    return { annotations: AnnotationStore.open(dataDir), notes: new NoteStore(dataDir) };
  }
  const reused = previous ? syncedStoresOf(previous) : null;
  if (reused) {
    await reused.refresh();
    return reused;
  }
  const synced = await SyncedLibrary.open(dataDir, { deviceId: resolveDeviceId(dataDir) });
  const annotations = new SyncedAnnotationStore(dataDir, synced);
  try {
    await rollForward(dataDir, synced);
  } catch (error) {
    if (!isDiskRefusal(error)) throw error;
    annotations.problems.push(`finishing the move to the sync layout needs a write the disk refused (${(error as Error).message})`);
  }
  // Each device keeps the versions it replaced in its own folder: a file no other device writes.
  const history = new NoteHistory(dataDir, MAX_HISTORY_BYTES, join(dataDir, HISTORY_DIR, synced.deviceId));
  const notes = new SyncedNoteStore(dataDir, synced, () => annotations.merged(), history);
  const stores = new SyncedStores(synced, annotations, notes);
  sessions.set(annotations, stores);
  notes.reconcile();
  annotations.problems.push(...synced.problems().map((problem) => problem.message));
  return stores;
}
