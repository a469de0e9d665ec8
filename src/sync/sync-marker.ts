import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOTATIONS_FILE } from '../store/annotation-store.ts';
import { readTextIfExists } from '../store/read-text.ts';
import { SYNC_DIR } from './sync-layout.ts';

/*
 * A data folder is in the sync layout when `sync/` exists. Its annotations.json is then replaced by this
 * marker: a document of a schema version no single-folder Papershelf knows, so an older version refuses
 * the library ("written by a newer Papershelf") instead of starting an empty annotations.json beside
 * the synced state and forking it.
 */

export const SYNC_MARKER_VERSION = 2;
const MARKER = {
  schemaVersion: SYNC_MARKER_VERSION,
  layout: 'sync',
  note: 'Stars, tags, status and notes of this library are in sync/ (one folder per device). Papershelf 0.x before the sync layout cannot open it.',
  papers: {},
};
export const SYNC_MARKER_TEXT = `${JSON.stringify(MARKER, null, 2)}\n`;

export function isSyncLayout(dataDir: string): boolean {
  return existsSync(join(dataDir, SYNC_DIR));
}

export function isSyncMarker(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { layout?: unknown } | null;
    return parsed !== null && typeof parsed === 'object' && parsed.layout === 'sync';
  } catch {
    return false;
  }
}

/** What annotations.json holds: absent, the marker, or a single-folder file (to migrate). */
export function annotationsFileState(dataDir: string): 'missing' | 'marker' | 'legacy' {
  const text = readTextIfExists(join(dataDir, ANNOTATIONS_FILE));
  if (text === null) return 'missing';
  return isSyncMarker(text) ? 'marker' : 'legacy';
}
