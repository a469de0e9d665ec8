/**
 * The one list of operations Papershelf offers. The CLI, the Electron IPC router and the HTTP server
 * are all driven from this table, so an operation added here is reachable from every door (the CLI
 * names its command for each in src/cli/contract-commands.ts). Inputs are strict: an unknown field
 * is refused the same way by every door.
 */
import * as z from 'zod/mini';
import { enrichInputSchema, enrichReportSchema, enrichStatusInputSchema, enrichStatusSchema } from '../library/enrich/enrich-schema.ts';
import { pdfOperations } from '../pdfs/pdf-contract.ts';
import { pdfMatchSchema } from '../search/fulltext/fulltext-schema.ts';
import { FOLLOW_PDFS } from '../store/follow-pdfs.ts';
import {
  annotationChangeSchema,
  appliedChangesSchema,
  exportFormat,
  importFormat,
  int,
  text,
  importSummarySchema,
  isoDate,
  listFilterSchema,
  noteVersionSchema,
  paperId,
  paperViewSchema,
  readingStatus,
  searchResultSchema,
  sortKey,
  statsSchema,
  tagCountSchema,
  tagName,
  uiStateSchema,
} from './schemas.ts';

/** Text of an imported file is capped so one paste cannot exhaust memory (the 50 MB test file fits). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
export const MAX_NOTE_CHARS = 1024 * 1024;
export const MAX_QUERY_CHARS = 1000;

const pageInput = {
  limit: z.optional(int().check(z.gte(1), z.lte(100_000))),
  offset: z.optional(int().check(z.gte(0))),
};

function op<I extends z.ZodMiniType, O extends z.ZodMiniType>(input: I, output: O, mutates: boolean) {
  return { input, output, mutates };
}

// Online sources (HF Daily Papers, arXiv): follows, and fetch jobs that report progress as events.
const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
const fetchCounts = {
  added: int(),
  updated: int(),
  unchanged: int(),
  skipped: int(),
  /** Requests sent, retries included. */
  requests: int(),
};
/** One follow's share of a refresh (or the single part of a one-off fetch). */
export const fetchPartSchema = z.object({ id: z.string(), label: z.string(), ...fetchCounts, batches: int(), error: z.nullable(apiErrorSchema) });
export const fetchJobSchema = z.object({
  id: z.string(),
  kind: z.enum(['hf', 'arxiv', 'refresh', 'pdf']),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  finished: z.boolean(),
  /** Batches (days, pages) imported, and how many are expected so far; `total` can grow as pages arrive. */
  done: int(),
  total: int(),
  message: z.string(),
  ...fetchCounts,
  warnings: z.array(z.string()),
  parts: z.array(fetchPartSchema),
  error: z.nullable(apiErrorSchema),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
});
export const followViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['hf-daily', 'arxiv']),
  query: z.nullable(z.string()),
  max: z.nullable(int()),
  since: z.nullable(z.string()),
  addedAt: z.string(),
  lastFetchAt: z.nullable(z.string()),
  lastError: z.nullable(z.string()),
  /** Whose PDFs a refresh of this follow downloads: none, the starred of its papers, or all. */
  pdfs: z.enum(FOLLOW_PDFS),
  /** Where the next refresh starts, in words. */
  progress: z.string(),
});
const arxivQueryText = z.string().check(z.trim(), z.minLength(1, 'the arXiv query is empty'), z.maxLength(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`));
const arxivMax = int().check(z.gte(1), z.lte(30_000));
export type FetchJob = z.infer<typeof fetchJobSchema>;
export type FollowView = z.infer<typeof followViewSchema>;

/** On answers given while a window's library is still loading (newest first): the papers they cover. */
const partialSchema = z.object({ loaded: int(), total: int() });

/** "For you": a paper's list row, its score, the user's papers it follows from and the words that weighed most. */
export const RECOMMEND_REASONS = ['starred', 'tagged', 'reading', 'read', 'note'] as const;
export const recommendationSchema = z.extend(paperViewSchema, {
  score: z.number(),
  because: z.array(z.object({ id: z.string(), title: z.string(), reason: z.enum(RECOMMEND_REASONS) })),
  words: z.array(z.string()),
});
/** `coldStart`: fewer than 3 positives, so results follow upvotes; `newSinceRefresh`: recommended papers added by the latest refresh or import. */
export const recommendOutputSchema = z.object({
  results: z.array(recommendationSchema),
  /** Papers ranked in all (the pages of this ranking together). */
  total: int(),
  model: z.object({ positives: int(), negatives: int(), trainedAt: z.nullable(z.string()), coldStart: z.boolean() }),
  newSinceRefresh: int(),
});

export const contract = {
  importText: op(
    z.strictObject({
      text: text(MAX_IMPORT_CHARS, 'file is larger than 64 MB'),
      format: z.optional(z.union([importFormat, z.literal('auto')])),
      asOf: z.optional(isoDate),
      sourceName: z.optional(text(300)),
    }),
    importSummarySchema,
    true,
  ),
  listPapers: op(
    z.extend(listFilterSchema, { sort: z.optional(sortKey), ...pageInput }),
    z.object({ total: int(), results: z.array(paperViewSchema), partial: z.optional(partialSchema) }),
    false,
  ),
  search: op(
    z.extend(listFilterSchema, {
      query: text(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`),
      prefixLast: z.optional(z.boolean()),
      /** Search inside the kept PDFs too (src/search/fulltext/); `fulltext:` words always do. */
      fulltext: z.optional(z.boolean()),
      sort: z.optional(sortKey),
      ...pageInput,
    }),
    z.object({ total: int(), results: z.array(z.extend(searchResultSchema, { pdfMatch: z.optional(pdfMatchSchema) })), partial: z.optional(partialSchema) }),
    false,
  ),
  getPaper: op(z.strictObject({ id: paperId }), paperViewSchema, false),
  similarPapers: op(
    z.strictObject({ id: paperId, limit: z.optional(int().check(z.gte(1), z.lte(50))) }),
    z.object({ results: z.array(searchResultSchema) }),
    false,
  ),
  /** Papers ranked by a model learned from the user's stars, tags (only `tag`'s with it), statuses and notes. */
  recommend: op(z.strictObject({ tag: z.optional(tagName), since: z.optional(isoDate), limit: z.optional(int().check(z.gte(1), z.lte(500))), offset: z.optional(int().check(z.gte(0))) }), recommendOutputSchema, false),
  setStar: op(z.strictObject({ id: paperId, starred: z.boolean() }), paperViewSchema, true),
  addTags: op(z.strictObject({ id: paperId, tags: z.array(tagName).check(z.minLength(1), z.maxLength(50)) }), paperViewSchema, true),
  removeTags: op(z.strictObject({ id: paperId, tags: z.array(tagName).check(z.minLength(1), z.maxLength(50)) }), paperViewSchema, true),
  listTags: op(z.strictObject({}), z.object({ tags: z.array(tagCountSchema) }), false),
  renameTag: op(z.strictObject({ from: tagName, to: tagName }), z.object({ papers: int() }), true),
  deleteTag: op(z.strictObject({ tag: tagName }), z.object({ papers: int() }), true),
  setStatus: op(z.strictObject({ id: paperId, status: z.nullable(readingStatus) }), paperViewSchema, true),
  /** Bulk actions and undo: many papers' stars, statuses and tags in one write (src/library/apply-changes.ts). */
  applyChanges: op(z.strictObject({ changes: z.array(annotationChangeSchema).check(z.minLength(1), z.maxLength(10_000)) }), appliedChangesSchema, true),
  /** The ids of a list or search in its order (a window selecting all, or a range of rows not loaded). */
  listIds: op(
    z.extend(listFilterSchema, { query: z.optional(text(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`)), prefixLast: z.optional(z.boolean()), sort: z.optional(sortKey), ...pageInput }),
    z.object({ total: int(), ids: z.array(z.string()) }),
    false,
  ),
  setNote: op(
    z.strictObject({ id: paperId, text: text(MAX_NOTE_CHARS, 'note is larger than 1 MB') }),
    paperViewSchema,
    true,
  ),
  appendNote: op(
    z.strictObject({ id: paperId, text: z.string().check(z.minLength(1), z.maxLength(MAX_NOTE_CHARS, 'note is larger than 1 MB')) }),
    paperViewSchema,
    true,
  ),
  /** The note's earlier versions, newest first. */
  noteHistory: op(z.strictObject({ id: paperId }), z.object({ versions: z.array(noteVersionSchema) }), false),
  /** Brings a version back; the text it replaces becomes a version in turn. */
  restoreNote: op(z.strictObject({ id: paperId, version: int().check(z.gte(1, 'a note version is a whole number from 1')) }), paperViewSchema, true),
  /** A synced library's devices (`papershelf devices`); refused with bad-input when the library is not synced. */
  listDevices: op(
    z.strictObject({}),
    z.object({ thisDevice: z.string(), devices: z.array(z.object({ deviceId: z.string(), lastChangeAt: z.string(), thisDevice: z.boolean() })), problems: z.array(z.string()) }),
    false,
  ),
  forgetDevice: op(z.strictObject({ deviceId: z.string().check(z.minLength(1), z.maxLength(64)) }), z.object({ forgotten: z.string(), removedFiles: int(), snapshot: z.nullable(z.string()) }), true),
  exportPapers: op(
    z.extend(listFilterSchema, {
      format: exportFormat,
      /** For `bibliography`: apa, ieee, chicago, nature, or the text of a CSL style file. */
      style: z.optional(z.string().check(z.maxLength(1_000_000))),
      locale: z.optional(z.string()),
    }),
    z.object({ content: z.string(), fileName: z.string(), mimeType: z.string(), count: int() }),
    false,
  ),
  stats: op(z.strictObject({}), statsSchema, false),
  getUiState: op(z.strictObject({}), uiStateSchema, false),
  saveUiState: op(z.partial(z.strictObject(uiStateSchema.shape)), uiStateSchema, false),
  /** `problems`: damage found in subscriptions.json and repaired (moved to backups/), for the user. */
  listFollows: op(z.strictObject({}), z.object({ follows: z.array(followViewSchema), problems: z.array(z.string()) }), false),
  follow: op(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('hf-daily'), since: z.optional(isoDate), pdfs: z.optional(z.enum(FOLLOW_PDFS)) }),
      z.strictObject({ kind: z.literal('arxiv'), query: arxivQueryText, max: z.optional(arxivMax), pdfs: z.optional(z.enum(FOLLOW_PDFS)) }),
    ]),
    z.object({ follow: followViewSchema, added: z.boolean(), problems: z.array(z.string()) }),
    true,
  ),
  /** `id` is a follow's id or, for arXiv, its query. */
  unfollow: op(z.strictObject({ id: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_QUERY_CHARS)) }), z.object({ follow: followViewSchema, problems: z.array(z.string()) }), true),
  /** Starts a one-off fetch and returns at once; progress arrives as `fetch` change events. */
  fetchSource: op(
    z.discriminatedUnion('source', [
      z.strictObject({
        source: z.literal('hf'),
        date: z.optional(isoDate),
        from: z.optional(isoDate),
        to: z.optional(isoDate),
        week: z.optional(text(10)),
        month: z.optional(text(7)),
      }),
      z.strictObject({ source: z.literal('arxiv'), query: arxivQueryText, max: z.optional(arxivMax), sort: z.optional(z.enum(['submitted', 'updated', 'relevance'])) }),
    ]),
    z.object({ job: fetchJobSchema }),
    true,
  ),
  /** Starts fetching everything followed (or returns the refresh already running). */
  refresh: op(z.strictObject({}), z.object({ job: fetchJobSchema }), true),
  cancelFetch: op(z.strictObject({ job: z.string().check(z.minLength(1), z.maxLength(100)) }), z.object({ cancelled: z.boolean() }), true),
  listFetchJobs: op(z.strictObject({}), z.object({ jobs: z.array(fetchJobSchema) }), false),
  /** Resolves papers without an arXiv id by asking arXiv for their titles (`ids`: only those). */
  enrichPapers: op(enrichInputSchema, enrichReportSchema, true),
  /** Papers still without an arXiv id and the run in progress; `auto` turns resolving after imports on or off. */
  enrichStatus: op(enrichStatusInputSchema, enrichStatusSchema, true),
  /** Whether the paper's PDF is kept, how large, since when and from where (src/pdfs/pdf-contract.ts). */
  pdfInfo: op(pdfOperations.pdfInfo.input, pdfOperations.pdfInfo.output, false),
  /** Starts downloading the chosen papers' PDFs (ids, or filters) as a fetch job of kind `pdf`. */
  fetchPdfs: op(pdfOperations.fetchPdfs.input, z.object({ job: fetchJobSchema }), true),
  removePdf: op(pdfOperations.removePdf.input, pdfOperations.removePdf.output, true),
  /** Attaches PDF files (dropped on the window) to their papers, by arXiv stamp, DOI or title. */
  importPdfs: op(pdfOperations.importPdfs.input, pdfOperations.importPdfs.output, true),
  getPdfSettings: op(pdfOperations.getPdfSettings.input, pdfOperations.getPdfSettings.output, false),
  savePdfSettings: op(pdfOperations.savePdfSettings.input, pdfOperations.savePdfSettings.output, true),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Contract[N]['output']>;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type ApiError = { code: string; message: string };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A change the core made; broadcast to every window / tab after it is on disk. */
export interface ChangeEvent {
  kind: 'papers' | 'annotations' | 'tags' | 'fetch' | 'follows' | 'pdfs';
  ids: string[];
  at: string;
  /** Only on `fetch` events: the job as it is now (progress, counts, outcome). */
  job?: FetchJob;
}
