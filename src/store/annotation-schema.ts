import { READING_STATUSES, type Annotation, type ReadingStatus } from '../model/paper.ts';

/** The `updatedAt` of an annotation that was never written. */
export const NEVER = new Date(0).toISOString();

export const ANNOTATION_KEYS: ReadonlySet<string> = new Set(['starred', 'tags', 'status', 'updatedAt']);

export function emptyAnnotation(): Annotation {
  return { starred: false, tags: [], status: null, updatedAt: NEVER };
}

export function cloneAnnotation(annotation: Annotation): Annotation {
  return { ...annotation, tags: [...annotation.tags] };
}

/** The key tags are matched by: `ML`, `ml` and ` Ml ` are one tag. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').trim().toLowerCase();
}

/** Trimmed, blank ones dropped, one spelling per tag (the first seen), order kept. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

export function isReadingStatus(value: unknown): value is ReadingStatus {
  return typeof value === 'string' && (READING_STATUSES as readonly string[]).includes(value);
}

/** Not starred, no tags, no status: such entries are not stored. */
export function isEmptyAnnotation(annotation: Annotation): boolean {
  return !annotation.starred && annotation.tags.length === 0 && annotation.status === null;
}

export function sameContent(a: Annotation, b: Annotation): boolean {
  return (
    a.starred === b.starred &&
    a.status === b.status &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a tag list is already what normalizeTags would make of it (the common case on load). */
function tagsAreNormal(tags: readonly unknown[]): tags is string[] {
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (typeof tag !== 'string' || tag === '' || tag.trim() !== tag) return false;
    if (!/^[\x00-\x7f]*$/.test(tag) && tag.normalize('NFC') !== tag) return false;
    const key = tag.toLowerCase();
    for (let j = 0; j < i; j++) if ((tags[j] as string).toLowerCase() === key) return false;
  }
  return true;
}

/** An entry exactly as this module writes it: the four fields, each in normal form; else null. */
export function readStoredAnnotation(value: unknown): Annotation | null {
  if (!isPlainObject(value)) return null;
  let count = 0;
  for (const key in value) {
    if (!ANNOTATION_KEYS.has(key)) return null;
    count++;
  }
  const { starred, tags, status, updatedAt } = value;
  if (count !== 4 || typeof starred !== 'boolean' || typeof updatedAt !== 'string') return null;
  if (!Array.isArray(tags) || !tagsAreNormal(tags)) return null;
  if (status !== null && !isReadingStatus(status)) return null;
  if (Number.isNaN(Date.parse(updatedAt))) return null;
  return { starred, tags, status, updatedAt };
}

/**
 * Reads one stored entry, field by field: a bad field is dropped (and described in `issues`) rather
 * than the whole entry, so a stray value never costs the user a star or their tags.
 * Returns null when the entry is not an object at all.
 */
export function readAnnotation(value: unknown): { annotation: Annotation; issues: string[] } | null {
  if (!isPlainObject(value)) return null;
  const stored = readStoredAnnotation(value);
  if (stored) return { annotation: stored, issues: [] };
  const annotation = emptyAnnotation();
  const issues: string[] = [];
  const unknown = Object.keys(value).filter((key) => !ANNOTATION_KEYS.has(key));
  if (unknown.length > 0) issues.push(`unexpected ${unknown.map((key) => JSON.stringify(key)).join(', ')}`);
  const { starred, tags, status, updatedAt } = value;
  if (typeof starred === 'boolean') annotation.starred = starred;
  else if (starred !== undefined) issues.push(`invalid "starred" ${JSON.stringify(starred)}`);
  if (Array.isArray(tags)) {
    const strings = tags.filter((tag): tag is string => typeof tag === 'string');
    if (strings.length !== tags.length) issues.push(`${tags.length - strings.length} tag(s) that are not text`);
    annotation.tags = normalizeTags(strings);
  } else if (tags !== undefined) {
    issues.push(`invalid "tags" ${JSON.stringify(tags)}`);
  }
  if (status === null || isReadingStatus(status)) annotation.status = status;
  else if (status !== undefined) issues.push(`invalid "status" ${JSON.stringify(status)}`);
  if (typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt))) annotation.updatedAt = updatedAt;
  else if (updatedAt !== undefined) issues.push(`invalid "updatedAt" ${JSON.stringify(updatedAt)}`);
  return { annotation, issues };
}

/**
 * Checks and tidies an annotation a caller produced. Tags are normalised; `updatedAt` is stamped
 * with `now` when the content changed, unless the caller set a different one on purpose (a backup
 * import restores the original time).
 */
export function finalizeAnnotation(current: Annotation, proposed: Annotation, now: string): Annotation {
  if (typeof proposed.starred !== 'boolean') throw new TypeError('An annotation needs a boolean "starred"');
  if (!Array.isArray(proposed.tags) || proposed.tags.some((tag) => typeof tag !== 'string')) {
    throw new TypeError('Annotation tags must be strings');
  }
  if (proposed.status !== null && !isReadingStatus(proposed.status)) {
    throw new TypeError(`Unknown reading status ${JSON.stringify(proposed.status)}`);
  }
  const next: Annotation = {
    starred: proposed.starred,
    tags: normalizeTags(proposed.tags),
    status: proposed.status,
    updatedAt: proposed.updatedAt,
  };
  if (next.updatedAt === current.updatedAt && !sameContent(current, next)) next.updatedAt = now;
  return next;
}

/** Two annotations of one paper (known by title, then by arXiv id) become one; nothing is dropped. */
export function mergeAnnotations(target: Annotation, source: Annotation, now: string): Annotation {
  const newer = Date.parse(source.updatedAt) > Date.parse(target.updatedAt) ? source : target;
  const older = newer === source ? target : source;
  return {
    starred: target.starred || source.starred,
    tags: normalizeTags([...target.tags, ...source.tags]),
    status: newer.status ?? older.status,
    updatedAt: now,
  };
}
