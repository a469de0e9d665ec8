/** zod schemas for the values that cross a boundary (CLI JSON, IPC, HTTP). */
import { z } from 'zod';
import { IMPORT_FORMATS, READING_STATUSES } from '../model/paper.ts';
import type { UiStateShape } from './ui-defaults.ts';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const paperId = z.string().trim().min(1, 'a paper id cannot be empty').max(300, 'a paper id cannot be longer than 300 characters');
export const tagName = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(100, 'a tag cannot be longer than 100 characters')
  .refine((t) => !/[\u0000-\u001f,]/.test(t), 'a tag cannot contain commas or control characters');

export const readingStatus = z.enum(READING_STATUSES);
export const importFormat = z.enum(IMPORT_FORMATS);
export const sortKey = z.enum(['relevance', 'date', 'upvotes', 'title', 'added']);
export const exportFormat = z.enum(['bibtex', 'csl-json', 'markdown', 'json']);
export const searchField = z.enum(['title', 'abstract', 'authors', 'tags', 'note']);

export const paperDetailsSchema = z.object({
  version: z.number().int().nullable(),
  updated: isoDate.nullable(),
  comments: z.number().int().nullable(),
  doi: z.string().nullable(),
  journalRef: z.string().nullable(),
  arxivComment: z.string().nullable(),
  primaryCategory: z.string().nullable(),
  categories: z.array(z.string()),
  githubRepo: z.string().nullable(),
  projectPage: z.string().nullable(),
  keywords: z.array(z.string()),
  venue: z.string().nullable(),
  addedAt: z.string(),
});

export const paperViewSchema = z.object({
  id: z.string(),
  arxivId: z.string().nullable(),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()),
  authorCount: z.number().int().nullable(),
  organization: z.string().nullable(),
  published: isoDate.nullable(),
  upvotes: z.number().int().nullable(),
  url: z.string().nullable(),
  pdfUrl: z.string().nullable(),
  sources: z.array(z.string()),
  starred: z.boolean(),
  tags: z.array(z.string()),
  status: readingStatus.nullable(),
  note: z.string().nullable(),
  details: paperDetailsSchema,
});

export const fieldMatchSchema = z.object({
  field: searchField,
  term: z.string(),
  positions: z.array(z.tuple([z.number().int(), z.number().int()])),
});

export const searchResultSchema = paperViewSchema.extend({
  score: z.number(),
  matches: z.array(fieldMatchSchema),
});

export const importSummarySchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  warnings: z.array(z.string()),
  format: importFormat,
});

export const listFilterSchema = z
  .object({
    starred: z.boolean().optional(),
    tag: tagName.optional(),
    status: readingStatus.optional(),
    source: z.string().max(100).optional(),
  })
  .strict();

export const tagCountSchema = z.object({ name: z.string(), count: z.number().int() });

export const statsSchema = z.object({
  papers: z.number().int(),
  starred: z.number().int(),
  tagged: z.number().int(),
  notes: z.number().int(),
  status: z.object({ 'to-read': z.number().int(), reading: z.number().int(), read: z.number().int() }),
  tags: z.number().int(),
  sources: z.array(z.object({ name: z.string(), count: z.number().int() })),
  segments: z.number().int(),
  dataDir: z.string(),
  problems: z.array(z.string()),
  /** Set while a long-running door is still loading older segments (newest first); null once all are in. */
  loading: z
    .object({ segmentsLoaded: z.number().int(), segments: z.number().int(), papersLoaded: z.number().int(), papers: z.number().int() })
    .nullable(),
});

/** What the window remembers between starts (settings.json). Unknown keys are dropped. */
export const uiStateSchema = z.object({
  query: z.string().max(1000),
  view: z.object({
    kind: z.enum(['all', 'starred', 'status', 'tag', 'source']),
    value: z.string().max(200).nullable(),
  }),
  sort: sortKey,
  selectedId: z.string().max(300).nullable(),
  paneSizes: z.object({
    sidebar: z.number().min(120).max(800),
    list: z.number().min(200).max(2000),
  }),
  theme: z.enum(['system', 'light', 'dark']),
});


export { DEFAULT_UI_STATE } from './ui-defaults.ts';

// The zod-free shape in ui-defaults.ts and this schema must describe the same value.
type SchemaUiState = z.infer<typeof uiStateSchema>;
type SameUiShape = [SchemaUiState] extends [UiStateShape] ? ([UiStateShape] extends [SchemaUiState] ? true : false) : false;
export const UI_STATE_SHAPES_AGREE: SameUiShape = true;
