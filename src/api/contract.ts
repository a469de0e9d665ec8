/**
 * The one list of operations Papershelf offers. The CLI, the Electron IPC router and the HTTP server
 * are all driven from this table, so an operation added here is reachable from every door (the CLI
 * names its command for each in src/cli/contract-commands.ts). Inputs are strict: an unknown field
 * is refused the same way by every door.
 */
import { z } from 'zod';
import {
  exportFormat,
  importFormat,
  importSummarySchema,
  isoDate,
  listFilterSchema,
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
  limit: z.number().int().min(1).max(100_000).optional(),
  offset: z.number().int().min(0).optional(),
};

function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, mutates: boolean) {
  return { input, output, mutates };
}

// Online sources (HF Daily Papers, arXiv): follows, and fetch jobs that report progress as events.
const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
const fetchCounts = {
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** Requests sent, retries included. */
  requests: z.number().int(),
};
/** One follow's share of a refresh (or the single part of a one-off fetch). */
export const fetchPartSchema = z.object({ id: z.string(), label: z.string(), ...fetchCounts, batches: z.number().int(), error: apiErrorSchema.nullable() });
export const fetchJobSchema = z.object({
  id: z.string(),
  kind: z.enum(['hf', 'arxiv', 'refresh']),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  finished: z.boolean(),
  /** Batches (days, pages) imported, and how many are expected so far; `total` can grow as pages arrive. */
  done: z.number().int(),
  total: z.number().int(),
  message: z.string(),
  ...fetchCounts,
  warnings: z.array(z.string()),
  parts: z.array(fetchPartSchema),
  error: apiErrorSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const followViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['hf-daily', 'arxiv']),
  query: z.string().nullable(),
  max: z.number().int().nullable(),
  since: z.string().nullable(),
  addedAt: z.string(),
  lastFetchAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Where the next refresh starts, in words. */
  progress: z.string(),
});
const arxivQueryText = z.string().trim().min(1, 'the arXiv query is empty').max(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`);
const arxivMax = z.number().int().min(1).max(30_000);
export type FetchJob = z.infer<typeof fetchJobSchema>;
export type FollowView = z.infer<typeof followViewSchema>;

export const contract = {
  importText: op(
    z.strictObject({
      text: z.string().max(MAX_IMPORT_CHARS, 'file is larger than 64 MB'),
      format: z.union([importFormat, z.literal('auto')]).optional(),
      asOf: isoDate.optional(),
      sourceName: z.string().max(300).optional(),
    }),
    importSummarySchema,
    true,
  ),
  listPapers: op(
    listFilterSchema.extend({ sort: sortKey.optional(), ...pageInput }),
    z.object({ total: z.number().int(), results: z.array(paperViewSchema) }),
    false,
  ),
  search: op(
    listFilterSchema.extend({
      query: z.string().max(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`),
      sort: sortKey.optional(),
      ...pageInput,
    }),
    z.object({ total: z.number().int(), results: z.array(searchResultSchema) }),
    false,
  ),
  getPaper: op(z.strictObject({ id: paperId }), paperViewSchema, false),
  similarPapers: op(
    z.strictObject({ id: paperId, limit: z.number().int().min(1).max(50).optional() }),
    z.object({ results: z.array(searchResultSchema) }),
    false,
  ),
  setStar: op(z.strictObject({ id: paperId, starred: z.boolean() }), paperViewSchema, true),
  addTags: op(z.strictObject({ id: paperId, tags: z.array(tagName).min(1).max(50) }), paperViewSchema, true),
  removeTags: op(z.strictObject({ id: paperId, tags: z.array(tagName).min(1).max(50) }), paperViewSchema, true),
  listTags: op(z.strictObject({}), z.object({ tags: z.array(tagCountSchema) }), false),
  renameTag: op(z.strictObject({ from: tagName, to: tagName }), z.object({ papers: z.number().int() }), true),
  deleteTag: op(z.strictObject({ tag: tagName }), z.object({ papers: z.number().int() }), true),
  setStatus: op(z.strictObject({ id: paperId, status: readingStatus.nullable() }), paperViewSchema, true),
  setNote: op(
    z.strictObject({ id: paperId, text: z.string().max(MAX_NOTE_CHARS, 'note is larger than 1 MB') }),
    paperViewSchema,
    true,
  ),
  appendNote: op(
    z.strictObject({ id: paperId, text: z.string().min(1).max(MAX_NOTE_CHARS, 'note is larger than 1 MB') }),
    paperViewSchema,
    true,
  ),
  exportPapers: op(
    listFilterSchema.extend({ format: exportFormat }),
    z.object({ content: z.string(), fileName: z.string(), mimeType: z.string(), count: z.number().int() }),
    false,
  ),
  stats: op(z.strictObject({}), statsSchema, false),
  getUiState: op(z.strictObject({}), uiStateSchema, false),
  saveUiState: op(uiStateSchema.partial().strict(), uiStateSchema, false),
  /** `problems`: damage found in subscriptions.json and repaired (moved to backups/), for the user. */
  listFollows: op(z.strictObject({}), z.object({ follows: z.array(followViewSchema), problems: z.array(z.string()) }), false),
  follow: op(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('hf-daily'), since: isoDate.optional() }),
      z.strictObject({ kind: z.literal('arxiv'), query: arxivQueryText, max: arxivMax.optional() }),
    ]),
    z.object({ follow: followViewSchema, added: z.boolean(), problems: z.array(z.string()) }),
    true,
  ),
  /** `id` is a follow's id or, for arXiv, its query. */
  unfollow: op(z.strictObject({ id: z.string().trim().min(1).max(MAX_QUERY_CHARS) }), z.object({ follow: followViewSchema, problems: z.array(z.string()) }), true),
  /** Starts a one-off fetch and returns at once; progress arrives as `fetch` change events. */
  fetchSource: op(
    z.discriminatedUnion('source', [
      z.strictObject({
        source: z.literal('hf'),
        date: isoDate.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        week: z.string().max(10).optional(),
        month: z.string().max(7).optional(),
      }),
      z.strictObject({ source: z.literal('arxiv'), query: arxivQueryText, max: arxivMax.optional(), sort: z.enum(['submitted', 'updated', 'relevance']).optional() }),
    ]),
    z.object({ job: fetchJobSchema }),
    true,
  ),
  /** Starts fetching everything followed (or returns the refresh already running). */
  refresh: op(z.strictObject({}), z.object({ job: fetchJobSchema }), true),
  cancelFetch: op(z.strictObject({ job: z.string().min(1).max(100) }), z.object({ cancelled: z.boolean() }), true),
  listFetchJobs: op(z.strictObject({}), z.object({ jobs: z.array(fetchJobSchema) }), false),
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
  kind: 'papers' | 'annotations' | 'tags' | 'fetch' | 'follows';
  ids: string[];
  at: string;
  /** Only on `fetch` events: the job as it is now (progress, counts, outcome). */
  job?: FetchJob;
}
