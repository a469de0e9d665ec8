/**
 * zod schemas for the values that cross a boundary (CLI JSON, IPC, HTTP). Written with `zod/mini`,
 * whose functions bundle on their own: a CLI command that validates one input loads ~40 KB of zod
 * instead of the whole 750 KB classic API.
 */
import * as z from 'zod/mini';
import { IMPORT_FORMATS, READING_STATUSES } from '../model/paper.ts';
import { SORT_KEYS } from '../model/ui-state.ts';
import { paperId } from '../model/paper-id.ts';

/** Shorthands for the checks used most. */
export const int = () => z.number().check(z.int());
export const text = (max: number, message?: string) => z.string().check(z.maxLength(max, message));

export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
export { paperId } from '../model/paper-id.ts';
export const tagName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'a tag cannot be empty'),
    z.maxLength(100, 'a tag cannot be longer than 100 characters'),
    z.refine((t) => !/[\u0000-\u001f,]/.test(t), 'a tag cannot contain commas or control characters'),
  );

export const readingStatus = z.enum(READING_STATUSES);
export const importFormat = z.enum(IMPORT_FORMATS);
export const sortKey = z.enum(SORT_KEYS);
export const exportFormat = z.enum(['bibtex', 'csl-json', 'markdown', 'json', 'bibliography']);
export const searchField = z.enum(['title', 'abstract', 'authors', 'tags', 'note']);

const maybeText = z.nullable(z.string());
const maybeInt = z.nullable(int());

export const paperDetailsSchema = z.object({
  version: maybeInt,
  updated: z.nullable(isoDate),
  comments: maybeInt,
  doi: maybeText,
  journalRef: maybeText,
  arxivComment: maybeText,
  primaryCategory: maybeText,
  categories: z.array(z.string()),
  githubRepo: maybeText,
  projectPage: maybeText,
  keywords: z.array(z.string()),
  venue: maybeText,
  addedAt: z.string(),
});

export const paperViewSchema = z.object({
  id: z.string(),
  arxivId: maybeText,
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()),
  authorCount: maybeInt,
  organization: maybeText,
  published: z.nullable(isoDate),
  upvotes: maybeInt,
  url: maybeText,
  pdfUrl: maybeText,
  sources: z.array(z.string()),
  starred: z.boolean(),
  tags: z.array(z.string()),
  status: z.nullable(readingStatus),
  note: maybeText,
  details: paperDetailsSchema,
  /** Ids the paper had before (a title key resolved to an arXiv id, a long id made short). */
  aliases: z.optional(z.array(z.string())),
});

export const fieldMatchSchema = z.object({
  field: searchField,
  term: z.string(),
  positions: z.array(z.tuple([int(), int()])),
});

export const searchResultSchema = z.extend(paperViewSchema, {
  score: z.number(),
  matches: z.array(fieldMatchSchema),
});

export const importSummarySchema = z.object({
  added: int(),
  updated: int(),
  unchanged: int(),
  skipped: int(),
  warnings: z.array(z.string()),
  format: importFormat,
});

export const listFilterSchema = z.strictObject({
  starred: z.optional(z.boolean()),
  tag: z.optional(tagName),
  status: z.optional(readingStatus),
  source: z.optional(text(100)),
  /** Only these papers (a selection in the window); unknown ids match nothing. */
  ids: z.optional(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(100_000))),
});

const annotationFields = {
  starred: z.optional(z.boolean()),
  status: z.optional(z.nullable(readingStatus)),
};
const annotationStateSchema = z.object({ starred: z.boolean(), status: z.nullable(readingStatus), tags: z.array(z.string()) });
const tagList = z.array(tagName).check(z.maxLength(200));

/** One paper's part of a bulk change or of an undo (see src/library/apply-changes.ts). */
export const annotationChangeSchema = z.strictObject({
  id: paperId,
  ...annotationFields,
  tags: z.optional(tagList),
  addTags: z.optional(tagList),
  removeTags: z.optional(tagList),
  expect: z.optional(z.strictObject({ ...annotationFields, tags: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(200))) })),
});

export const appliedChangesSchema = z.object({
  papers: int(),
  conflicts: z.array(z.string()),
  changes: z.array(z.object({ id: z.string(), before: annotationStateSchema, after: annotationStateSchema })),
});

/** One saved version of a note (the newest first in a history). */
export const noteVersionSchema = z.object({ version: int(), savedAt: z.string(), text: z.string() });

export const tagCountSchema = z.object({ name: z.string(), count: int() });

export const statsSchema = z.object({
  papers: int(),
  starred: int(),
  tagged: int(),
  notes: int(),
  status: z.object({ 'to-read': int(), reading: int(), read: int(), dismissed: int() }),
  tags: int(),
  sources: z.array(z.object({ name: z.string(), count: int() })),
  segments: int(),
  dataDir: z.string(),
  problems: z.array(z.string()),
  /** PDFs kept in the data folder (src/pdfs/pdf-store.ts). */
  pdfs: z.object({ count: int(), bytes: int() }),
  /** Set while a long-running door is still loading older segments (newest first); null once all are in. */
  loading: z.nullable(z.object({ segmentsLoaded: int(), segments: int(), papersLoaded: int(), papers: int() })),
});

export { uiStateSchema, UI_STATE_SHAPES_AGREE } from '../model/ui-state-schema.ts';
export { DEFAULT_UI_STATE } from '../model/ui-state.ts';
