import { z } from 'zod';
import { READING_STATUSES, type Annotation, type PaperFields, type StoredPaper } from '../model/paper.ts';
import type { ImportedAnnotation } from './types.ts';

/**
 * The Papershelf backup file, version 1 — read by the `json` importer, written by the exporter, so
 * both sides agree by construction. Objects are strict: a key this version does not know means the
 * file was edited or comes from a newer Papershelf, and silently dropping it would break the
 * promise that a backup round-trips exactly.
 */

export const BACKUP_FORMAT = 'papershelf-backup';
export const BACKUP_VERSION = 1;

const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'expected a YYYY-MM-DD date' });
const timestamp = z.iso.datetime({ offset: true, message: 'expected an ISO timestamp' });
const text = z.string().nullable();
const count = z.number().int().nonnegative().nullable();

const paperFieldsShape = {
  arxivId: text,
  version: z.number().int().positive().nullable(),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()),
  authorCount: count,
  organization: text,
  published: day.nullable(),
  updated: day.nullable(),
  upvotes: count,
  comments: count,
  url: text,
  pdfUrl: text,
  doi: text,
  journalRef: text,
  arxivComment: text,
  primaryCategory: text,
  categories: z.array(z.string()),
  githubRepo: text,
  projectPage: text,
  keywords: z.array(z.string()),
  venue: text,
  entryType: text,
  citationKey: text,
};

export const paperFieldsSchema = z.strictObject(paperFieldsShape);

export const storedPaperSchema = z.strictObject({
  ...paperFieldsShape,
  id: z.string().min(1),
  sources: z.array(z.string()),
  addedAt: timestamp,
  modifiedAt: timestamp,
});

export const annotationSchema = z.strictObject({
  starred: z.boolean(),
  tags: z.array(z.string()),
  status: z.enum(READING_STATUSES).nullable(),
  updatedAt: timestamp,
});

export const importedAnnotationSchema = annotationSchema.extend({ note: z.string().nullable() });

export const backupFileSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: timestamp,
  papers: z.array(storedPaperSchema),
  annotations: z.record(z.string(), importedAnnotationSchema),
});

export type BackupFile = z.infer<typeof backupFileSchema>;

// Compile-time guard: the schemas must describe exactly the model's types, so a field added to
// the model fails type-checking here until the backup format learns it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchModel: [
  Same<z.infer<typeof paperFieldsSchema>, PaperFields>,
  Same<z.infer<typeof storedPaperSchema>, StoredPaper>,
  Same<z.infer<typeof annotationSchema>, Annotation>,
  Same<z.infer<typeof importedAnnotationSchema>, ImportedAnnotation>,
] = [true, true, true, true];
void schemasMatchModel;
