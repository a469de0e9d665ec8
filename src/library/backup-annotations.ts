/**
 * Merges the annotations of a Papershelf backup into the library without losing anything the user
 * already has: the newer annotation wins, tags are united, and a differing note is kept beside the
 * existing one rather than replacing it. Applying the same backup twice changes nothing the second
 * time, which is what lets an interrupted restore simply be applied again (see restore-journal.ts).
 */
import { join, relative } from 'node:path';
import type { ImportedAnnotation, ParsedImport } from '../importers/types.ts';
import type { Annotation, StoredPaper } from '../model/paper.ts';
import type { AnnotationStore } from '../store/annotation-store.ts';
import { isDiskRefusal } from '../store/disk-errors.ts';
import type { NoteStore } from '../store/note-store.ts';
import { moveToBackups } from '../store/backups.ts';
import { clearRestoreJournal, readRestoreJournal, RESTORE_JOURNAL_FILE, writeRestoreJournal } from '../store/restore-journal.ts';
import { hasTag } from './paper-view.ts';

const NOTE_SEPARATOR = '\n\n---\n\n';

/** The existing note with the backup's text added, or null when the backup's text is already in it. */
function mergedNote(existing: string | null, incoming: string): string | null {
  if (existing === null || existing.trim() === '') return incoming;
  if (existing === incoming || existing.includes(incoming.trim())) return null;
  return `${existing.replace(/\s+$/, '')}${NOTE_SEPARATOR}${incoming}`;
}

export function applyBackupAnnotations(
  incoming: Record<string, ImportedAnnotation>,
  annotations: AnnotationStore,
  notes: NoteStore,
  paper: (id: string) => StoredPaper | undefined,
): string[] {
  const warnings: string[] = [];
  // Own entries only, into a Map: an id such as `__proto__` is a paper like any other.
  const entries = Object.keys(incoming).map((id) => [id, incoming[id] as ImportedAnnotation] as const);
  const changes = new Map<string, (current: Annotation) => Annotation>();
  for (const [id, backup] of entries) {
    if (!paper(id)) {
      warnings.push(`annotation for "${id}" skipped: the backup has no such paper`);
      continue;
    }
    changes.set(id, (current) => {
      const backupIsNewer = backup.updatedAt > current.updatedAt;
      const tags = [...current.tags];
      for (const tag of backup.tags) if (!hasTag(tags, tag)) tags.push(tag);
      return {
        starred: backupIsNewer ? backup.starred : current.starred || backup.starred,
        status: backupIsNewer ? backup.status : (current.status ?? backup.status),
        tags,
        updatedAt: backupIsNewer ? backup.updatedAt : current.updatedAt,
      };
    });
  }
  annotations.updateMany(changes);
  for (const [id, backup] of entries) {
    const found = paper(id);
    if (!found || !backup.note) continue;
    const existing = notes.read(id);
    const merged = mergedNote(existing, backup.note);
    if (merged === null) continue;
    if (existing) warnings.push(`note of "${id}" differed from the backup: both texts were kept`);
    notes.write(id, merged, { title: found.title, tags: annotations.get(id)?.tags ?? [] });
  }
  return warnings;
}

/** Called first, inside the write lock, before a backup import changes anything. */
export function beginRestore(dataDir: string, parsed: ParsedImport): void {
  if (parsed.backup) writeRestoreJournal(dataDir, parsed);
}

/** Called last, inside the write lock, once papers, annotations and notes are all written. */
export function finishRestore(dataDir: string, parsed: ParsedImport): void {
  if (parsed.backup) clearRestoreJournal(dataDir);
}

function isParsedBackup(value: unknown): value is ParsedImport {
  const candidate = value as Partial<ParsedImport> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.papers) &&
    Array.isArray(candidate.warnings) &&
    typeof candidate.backup === 'object' &&
    candidate.backup !== null &&
    Array.isArray(candidate.backup.papers) &&
    typeof candidate.backup.annotations === 'object'
  );
}

/**
 * Finishes a restore that a killed process left half done, by applying the journalled backup again
 * through `apply` (the library's import, which ends with finishRestore). Returns a line for the user
 * when there was one, or when the disk refused to finish it.
 */
export async function completePendingRestore(
  dataDir: string,
  apply: (parsed: ParsedImport) => Promise<unknown>,
): Promise<string | null> {
  const pending = readRestoreJournal(dataDir);
  if (pending === null) return null;
  if (!isParsedBackup(pending)) {
    const moved = moveToBackups(dataDir, join(dataDir, RESTORE_JOURNAL_FILE), 'not a restore this version can apply');
    return `a restore journal this version cannot apply was moved to ${relative(dataDir, moved)}`;
  }
  try {
    await apply(pending);
  } catch (error) {
    if (isDiskRefusal(error)) return `a restore interrupted earlier could not be finished: ${(error as Error).message}`;
    throw error;
  }
  // `apply` normally clears it; an import that does not (older wiring) must not re-apply forever.
  clearRestoreJournal(dataDir);
  return 'a restore from a backup had been interrupted; it was finished now';
}
