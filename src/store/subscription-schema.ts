/**
 * The layout of subscriptions.json: what the user follows, how far each follow has been fetched, and
 * the `sources` settings (base URLs, contact address). Decoding is lenient: every well-formed follow
 * and setting is kept and each defect is named, so the store can move a damaged file aside without
 * losing the rest.
 */
import { z } from 'zod';
import { NewerFormatError } from '../model/errors.ts';
import { FOLLOW_PDFS } from './follow-pdfs.ts';

export const SUBSCRIPTIONS_FILE = 'subscriptions.json';
export const SUBSCRIPTIONS_SCHEMA_VERSION = 1;
export const HF_FOLLOW_ID = 'hf-daily';
/** arXiv pages deeper than this are refused by the API itself. */
export const ARXIV_MAX_RESULTS = 30_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const timestamp = z.string().min(1).max(64);
const count = z.number().int().min(0);

const common = {
  addedAt: timestamp,
  /** When the last refresh of this follow finished without error. */
  lastFetchAt: timestamp.nullable().default(null),
  /** The last refresh's failure, in words; cleared by the next success. */
  lastError: z.string().max(2000).nullable().default(null),
  /** Whose PDFs a refresh of this follow downloads among the papers it fetched: none, the starred, or all. */
  pdfs: z.enum(FOLLOW_PDFS).default('none'),
};

export const hfFollowSchema = z.object({
  id: z.literal(HF_FOLLOW_ID),
  kind: z.literal('hf-daily'),
  /** First day of the first refresh; null means the seven days up to today. */
  since: day.nullable().default(null),
  /** Every day up to this one has been imported and will not be fetched again. */
  lastCompleteDay: day.nullable().default(null),
  ...common,
});

/** Where an interrupted arXiv refresh stopped: the paging offset and what it had seen so far. */
export const arxivResumeSchema = z.object({
  start: count,
  fetched: count,
  /** Newest submission time among the results this run imported. */
  runNewest: timestamp.nullable(),
});

export const arxivFollowSchema = z.object({
  id: z.string().regex(/^arxiv-[0-9a-f]{8}$/, 'expected an id like arxiv-1a2b3c4d'),
  kind: z.literal('arxiv'),
  query: z.string().trim().min(1).max(1000),
  /** Results the first refresh fetches (newest first). */
  max: z.number().int().min(1).max(ARXIV_MAX_RESULTS),
  /** Submission time of the newest result a completed refresh imported; the next one stops there. */
  newest: timestamp.nullable().default(null),
  resume: arxivResumeSchema.nullable().default(null),
  ...common,
});

export const followSchema = z.discriminatedUnion('kind', [hfFollowSchema, arxivFollowSchema]);

export type HfFollow = z.infer<typeof hfFollowSchema>;
export type ArxivFollow = z.infer<typeof arxivFollowSchema>;
export type ArxivResume = z.infer<typeof arxivResumeSchema>;
export type Follow = z.infer<typeof followSchema>;
export { FOLLOW_PDFS, type FollowPdfs } from './follow-pdfs.ts';

/**
 * Network settings a user may write by hand. The arXiv spacing is deliberately absent: arXiv's terms
 * ask for three seconds between requests and a setting must not be able to break them.
 */
export const sourceSettingsSchema = z.object({
  hfBaseUrl: z.string().max(2000),
  arxivBaseUrl: z.string().max(2000),
  contactEmail: z.string().max(300),
  timeoutMs: z.number().int().min(1000).max(600_000),
  retries: z.number().int().min(0).max(10),
});

export type StoredSourceSettings = Partial<z.infer<typeof sourceSettingsSchema>>;

export interface SubscriptionsDocument {
  follows: Follow[];
  sources: StoredSourceSettings;
}

export type DecodedSubscriptions = { kind: 'ok'; doc: SubscriptionsDocument } | { kind: 'corrupt'; doc: SubscriptionsDocument; problems: string[] };

export function emptySubscriptions(): SubscriptionsDocument {
  return { follows: [], sources: {} };
}

/** A file of a newer Papershelf: refused and left as it is. */
export class NewerSubscriptionsError extends NewerFormatError {
  constructor(found: number) {
    super(SUBSCRIPTIONS_FILE, found);
    this.name = 'NewerSubscriptionsError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

function readFollows(raw: unknown, problems: string[]): Follow[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${SUBSCRIPTIONS_FILE}: "follows" is not a list`);
    return [];
  }
  const follows: Follow[] = [];
  raw.forEach((entry, index) => {
    const parsed = followSchema.safeParse(entry);
    if (!parsed.success) return void problems.push(`${SUBSCRIPTIONS_FILE}: follow ${index + 1} dropped (${issueText(parsed.error)})`);
    if (follows.some((other) => other.id === parsed.data.id)) {
      return void problems.push(`${SUBSCRIPTIONS_FILE}: follow ${index + 1} dropped (a second "${parsed.data.id}")`);
    }
    follows.push(parsed.data);
  });
  return follows;
}

function readSources(raw: unknown, problems: string[]): StoredSourceSettings {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    problems.push(`${SUBSCRIPTIONS_FILE}: "sources" is not an object`);
    return {};
  }
  const settings: Record<string, unknown> = {};
  const shape = sourceSettingsSchema.shape;
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key as keyof typeof shape];
    const parsed = field?.safeParse(value);
    if (parsed?.success) settings[key] = parsed.data;
    else problems.push(`${SUBSCRIPTIONS_FILE}: setting sources.${key} dropped (${parsed ? issueText(parsed.error) : 'unknown setting'})`);
  }
  return settings as StoredSourceSettings;
}

/** Throws NewerSubscriptionsError for a file from a newer version; reports every other defect. */
export function decodeSubscriptions(text: string): DecodedSubscriptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', doc: emptySubscriptions(), problems: [`${SUBSCRIPTIONS_FILE} is not valid JSON (${(error as Error).message})`] };
  }
  if (!isObject(parsed)) return { kind: 'corrupt', doc: emptySubscriptions(), problems: [`${SUBSCRIPTIONS_FILE} does not hold an object`] };
  const version = parsed.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > SUBSCRIPTIONS_SCHEMA_VERSION) {
    throw new NewerSubscriptionsError(version);
  }
  const problems: string[] = [];
  if (version !== SUBSCRIPTIONS_SCHEMA_VERSION) problems.push(`${SUBSCRIPTIONS_FILE} has an invalid schemaVersion ${JSON.stringify(version)}`);
  const doc = { follows: readFollows(parsed.follows, problems), sources: readSources(parsed.sources, problems) };
  const extra = Object.keys(parsed).filter((key) => !['schemaVersion', 'follows', 'sources'].includes(key));
  if (extra.length > 0) problems.push(`${SUBSCRIPTIONS_FILE} has unexpected ${extra.map((key) => JSON.stringify(key)).join(', ')}`);
  return problems.length === 0 ? { kind: 'ok', doc } : { kind: 'corrupt', doc, problems };
}

export function encodeSubscriptions(doc: SubscriptionsDocument): string {
  return `${JSON.stringify({ schemaVersion: SUBSCRIPTIONS_SCHEMA_VERSION, sources: doc.sources, follows: doc.follows }, null, 2)}\n`;
}
