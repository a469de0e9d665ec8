/**
 * Merges the annotations of a Papershelf backup into the library without losing anything the user
 * already has: the newer annotation wins, tags are united, and a differing note is kept beside the
 * existing one rather than replacing it.
 */
import type { ImportedAnnotation } from '../importers/types.ts';
import type { StoredPaper } from '../model/paper.ts';
import type { AnnotationStore } from '../store/annotation-store.ts';
import type { NoteStore } from '../store/note-store.ts';
import { hasTag } from './paper-view.ts';

export function applyBackupAnnotations(
  incoming: Record<string, ImportedAnnotation>,
  annotations: AnnotationStore,
  notes: NoteStore,
  paper: (id: string) => StoredPaper | undefined,
): string[] {
  const warnings: string[] = [];
  const changes: Record<string, Parameters<AnnotationStore['update']>[1]> = {};
  for (const [id, backup] of Object.entries(incoming)) {
    if (!paper(id)) {
      warnings.push(`annotation for "${id}" skipped: the backup has no such paper`);
      continue;
    }
    changes[id] = (current) => {
      const backupIsNewer = backup.updatedAt > current.updatedAt;
      const tags = [...current.tags];
      for (const tag of backup.tags) if (!hasTag(tags, tag)) tags.push(tag);
      return {
        starred: backupIsNewer ? backup.starred : current.starred || backup.starred,
        status: backupIsNewer ? backup.status : (current.status ?? backup.status),
        tags,
        updatedAt: backupIsNewer ? backup.updatedAt : current.updatedAt,
      };
    };
  }
  annotations.updateMany(changes);
  for (const [id, backup] of Object.entries(incoming)) {
    const found = paper(id);
    if (!found || !backup.note) continue;
    const existing = notes.read(id);
    if (existing === backup.note) continue;
    const merged = existing ? `${existing.replace(/\s+$/, '')}\n\n---\n\n${backup.note}` : backup.note;
    if (existing) warnings.push(`note of "${id}" differed from the backup: both texts were kept`);
    notes.write(id, merged, { title: found.title, tags: annotations.get(id)?.tags ?? [] });
  }
  return warnings;
}
