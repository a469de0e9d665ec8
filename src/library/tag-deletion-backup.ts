import { join } from 'node:path';
import { writeFileAtomicSync } from '../store/atomic-write.ts';
import type { AnnotationStore } from '../store/annotation-store.ts';
import { backupsDir, copyToBackups } from '../store/backups.ts';
import { ensurePrivateDir } from '../store/disk-errors.ts';
import { syncedStoresOf } from '../sync/library-stores.ts';

/**
 * Before a tag is deleted, what it was on stays in backups/: annotations.json itself, or in a synced
 * library (where annotations.json is only a marker) the annotations of the papers that had the tag.
 */
export function keepBeforeTagDeletion(dataDir: string, annotations: AnnotationStore, ids: readonly string[], tag: string): string {
  const reason = `before deleting the tag "${tag}"`;
  if (!syncedStoresOf(annotations)) return copyToBackups(dataDir, annotations.path, reason);
  const kept = Object.create(null) as Record<string, unknown>;
  for (const id of ids) kept[id] = annotations.get(id);
  ensurePrivateDir(backupsDir(dataDir));
  const path = join(backupsDir(dataDir), `annotations-before-deleting-a-tag.${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileAtomicSync(path, JSON.stringify({ reason, papers: kept }, null, 2));
  return path;
}
