/**
 * Papershelf's own backup: every paper exactly as stored plus the user's annotations and notes, so
 * importing it restores the library. Only papers the user touched appear under `annotations`. The
 * format is the one `importers/backup-schema.ts` reads.
 */
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile } from '../importers/backup-schema.ts';
import type { ImportedAnnotation } from '../importers/types.ts';
import { emptyPaperFields, type StoredPaper } from '../model/paper.ts';
import type { ExportItem } from './types.ts';

const STORED_KEYS = [...Object.keys(emptyPaperFields('')), 'id', 'sources', 'addedAt', 'modifiedAt'] as (keyof StoredPaper)[];

/** Exactly the stored fields: the importer refuses unknown keys, so nothing else may ride along. */
function storedPaper(paper: StoredPaper): StoredPaper {
  const stored = Object.fromEntries(STORED_KEYS.map((key) => [key, paper[key]])) as unknown as StoredPaper;
  // Optional: present only for papers resolved on arXiv whose abstract differs from the listing's.
  if (paper.arxivAbstract !== undefined) stored.arxivAbstract = paper.arxivAbstract;
  return stored;
}

function backupAnnotation(item: ExportItem): ImportedAnnotation {
  const { annotation, note, paper } = item;
  if (annotation) return { starred: annotation.starred, tags: [...annotation.tags], status: annotation.status, updatedAt: annotation.updatedAt, note };
  // A note without stars or tags: the default annotation, dated when the paper was added so that,
  // when merged into a library, it never overrides an annotation the user made there.
  return { starred: false, tags: [], status: null, updatedAt: paper.addedAt, note };
}

export function toBackup(items: ExportItem[], exportedAt: string): BackupFile {
  // Without a prototype, an id such as `__proto__` is a key like any other.
  const annotations = Object.create(null) as Record<string, ImportedAnnotation>;
  for (const item of items) {
    if (item.annotation || item.note !== null) annotations[item.paper.id] = backupAnnotation(item);
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, papers: items.map((item) => storedPaper(item.paper)), annotations };
}

export function exportJsonBackup(items: ExportItem[], exportedAt: string): string {
  return `${JSON.stringify(toBackup(items, exportedAt), null, 2)}\n`;
}
