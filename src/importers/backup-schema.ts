import { z } from 'zod';
import { paperId } from '../model/paper-id.ts';
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

/**
 * The contract's id rule, with one difference: an id the contract would change (it trims) is
 * refused rather than changed, since a paper stored under it could never be opened or annotated.
 */
export const backupPaperId = z.string().check((ctx) => {
  const checked = paperId.safeParse(ctx.value);
  const issue = checked.success ? null : checked.error.issues[0];
  let message = issue ? `${issue.message}${issue.code === 'too_big' ? ` (this one has ${ctx.value.length})` : ''}` : null;
  if (checked.success && checked.data !== ctx.value) message = 'a paper id cannot have spaces around it';
  if (message) ctx.issues.push({ code: 'custom', input: ctx.value, message });
});

/**
 * Annotations keyed by paper id, read key by key into an object without a prototype: an id such
 * as `__proto__` or `constructor` is a paper like any other (z.record drops `__proto__`).
 */
const annotationsByIdSchema = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'expected an object keyed by paper id',
}).transform((value, ctx) => {
  const annotations = Object.create(null) as Record<string, z.infer<typeof importedAnnotationSchema>>;
  for (const id of Object.keys(value)) {
    const checkedId = backupPaperId.safeParse(id);
    if (!checkedId.success) ctx.addIssue({ code: 'custom', path: [id], message: checkedId.error.issues[0]?.message ?? 'invalid paper id' });
    const parsed = importedAnnotationSchema.safeParse(value[id]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [id, ...issue.path], message: issue.message });
    } else {
      annotations[id] = parsed.data;
    }
  }
  return annotations;
});

export const storedPaperSchema = z.strictObject({
  ...paperFieldsShape,
  id: backupPaperId,
  arxivAbstract: z.string().optional(),
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
  annotations: annotationsByIdSchema,
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
