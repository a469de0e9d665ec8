import { readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ANNOTATIONS_FILE } from '../store/annotation-store.ts';
import { fsyncDir, writeFileAtomicSync } from '../store/atomic-write.ts';
import { backupsDir, moveToBackups } from '../store/backups.ts';
import { ensurePrivateDir } from '../store/disk-errors.ts';
import { NoteStore } from '../store/note-store.ts';
import { readTextIfExists } from '../store/read-text.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { conflictedCopyOf } from './conflict-names.ts';
import { migrateCorpusToDevice, type CorpusMigrationResult } from './corpus-migration.ts';
import { HybridClock } from './hlc.ts';
import { applyLocal, mergedState } from './library-doc.ts';
import { decodeLegacyAnnotations, legacyChanges } from './legacy-changes.ts';
import { annotationsFileState, isSyncLayout, SYNC_MARKER_TEXT } from './sync-marker.ts';
import { DEVICES_DIR, deviceFileName, SYNC_DIR } from './sync-layout.ts';
import { SyncedLibrary } from './synced-library.ts';
import { encodeDeviceFile } from './update-file-codec.ts';

/*
 * `papershelf sync enable`: a single-folder library becomes a synced one. Under the data folder's
 * write lock, the annotations and notes are copied to backups/, built into one snapshot in
 * `sync.tmp-<pid>/devices/<id>/`, fsynced, and the folder is renamed to `sync/`: that rename is the
 * commit. A kill before it leaves the old layout (the temporary folder is removed by the next run);
 * after it, the library is synced and the rest rolls forward on the next open: the papers get this
 * device's manifest, and annotations.json is replaced by the marker that makes an older Papershelf
 * refuse the folder. A device that migrates a folder another device already migrated adds only what
 * the shared state lacks.
 */

const TEMP_PREFIX = `${SYNC_DIR}.tmp-`;

export interface SyncEnableReport {
  outcome: 'migrated' | 'already';
  deviceId: string;
  annotations: number;
  notes: number;
  /** The copy of the library's annotations and notes made first, relative to the data folder. */
  backup: string | null;
  corpus: CorpusMigrationResult | null;
}

function writeMigrationBackup(dataDir: string, notes: NoteStore): string {
  const files: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  files[ANNOTATIONS_FILE] = readTextIfExists(join(dataDir, ANNOTATIONS_FILE));
  files['papers/manifest.json'] = readTextIfExists(join(dataDir, 'papers', 'manifest.json'));
  for (const note of notes.files()) files[`notes/${note.file}`] = readTextIfExists(join(notes.dir, note.file));
  const name = `before-sync-layout.${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  ensurePrivateDir(backupsDir(dataDir));
  writeFileAtomicSync(join(backupsDir(dataDir), name), JSON.stringify({ format: 'papershelf-files', files }));
  return `backups/${name}`;
}

/** Conflicted copies of annotations.json a sync tool left (from a device that had not migrated yet). */
function conflictedAnnotationFiles(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [];
  }
  return names.filter((name) => conflictedCopyOf(name, /^annotations/, '.json') !== null);
}

/**
 * Finishes a migration in a synced folder: takes in a single-folder annotations.json (and conflicted
 * copies of it) still there, gives the papers this device's manifest, and writes the marker. Doing it
 * twice adds nothing; two processes doing it at once add the same changes, which merge into one.
 */
export async function rollForward(dataDir: string, synced: SyncedLibrary): Promise<{ taken: number; corpus: CorpusMigrationResult | null }> {
  const copies = conflictedAnnotationFiles(dataDir);
  const state = annotationsFileState(dataDir);
  const legacy = state === 'legacy';
  if (state === 'marker' && copies.length === 0) return { taken: 0, corpus: null };
  let taken = 0;
  for (const name of [...(legacy ? [ANNOTATIONS_FILE] : []), ...copies]) {
    const text = readTextIfExists(join(dataDir, name));
    if (text === null || annotationsFileState(dataDir) === 'marker' && name === ANNOTATIONS_FILE) continue;
    const batches = legacyChanges(mergedState(synced.doc), decodeLegacyAnnotations(text, name));
    synced.applyLocalNow(batches.flatMap((batch) => batch.changes));
    taken += batches.length;
    if (name !== ANNOTATIONS_FILE) moveToBackups(dataDir, join(dataDir, name), 'a sync tool\'s copy of annotations.json, taken into the synced library');
  }
  const corpus = state === 'marker' ? null : await migrateCorpusToDevice(dataDir, synced.deviceId);
  if (state !== 'marker') writeFileAtomicSync(join(dataDir, ANNOTATIONS_FILE), SYNC_MARKER_TEXT);
  return { taken, corpus };
}

function removeLeftoverTemps(dataDir: string): void {
  for (const name of readdirSync(dataDir)) if (name.startsWith(TEMP_PREFIX)) rmSync(join(dataDir, name), { recursive: true, force: true });
}

export async function enableSync(dataDir: string, deviceId: string): Promise<SyncEnableReport> {
  return withWriteLock(dataDir, async () => {
    if (isSyncLayout(dataDir)) {
      const synced = await SyncedLibrary.open(dataDir, { deviceId });
      try {
        const rolled = await rollForward(dataDir, synced);
        return { outcome: 'already', deviceId, annotations: rolled.taken, notes: 0, backup: null, corpus: rolled.corpus };
      } finally {
        synced.close();
      }
    }
    // The lock is ours: a temporary folder is what a killed migration left.
    removeLeftoverTemps(dataDir);
    const notes = new NoteStore(dataDir);
    const legacyText = readTextIfExists(join(dataDir, ANNOTATIONS_FILE));
    const annotations = legacyText === null ? new Map() : decodeLegacyAnnotations(legacyText, ANNOTATIONS_FILE);
    const noteFiles = notes.files();
    const backup = writeMigrationBackup(dataDir, notes);
    const doc = new Y.Doc();
    let at = 0;
    const clock = new HybridClock(deviceId, () => at);
    for (const batch of legacyChanges(mergedState(doc), annotations)) {
      at = batch.at;
      applyLocal(doc, clock, batch.changes);
    }
    at = Date.now();
    // The migrating device is listed among the library's devices even when it had nothing to carry.
    applyLocal(doc, clock, []);
    for (const note of noteFiles) {
      if (note.body.trim() !== '') applyLocal(doc, clock, [{ type: 'note', paperId: note.id, text: note.body, title: note.title ?? note.id }]);
    }
    const temp = join(dataDir, `${TEMP_PREFIX}${process.pid}`);
    const devices = join(temp, DEVICES_DIR);
    const own = join(devices, deviceId);
    await mkdir(own, { recursive: true, mode: 0o700 });
    writeFileAtomicSync(join(own, deviceFileName('snapshot', clock.tick())), encodeDeviceFile('snapshot', [Y.encodeStateAsUpdate(doc)]));
    doc.destroy();
    await fsyncDir(devices);
    await fsyncDir(temp);
    renameSync(temp, join(dataDir, SYNC_DIR));
    await fsyncDir(dataDir);
    const synced = await SyncedLibrary.open(dataDir, { deviceId });
    try {
      const rolled = await rollForward(dataDir, synced);
      return { outcome: 'migrated', deviceId, annotations: annotations.size, notes: noteFiles.length, backup, corpus: rolled.corpus };
    } finally {
      synced.close();
    }
  });
}
