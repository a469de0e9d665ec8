/**
 * How a newly imported listing of a paper combines with what the library already knows.
 * Rules (DESIGN.md): newer upvotes win, the longer abstract wins, sources are listed, and a field the
 * library does not know yet is filled in. Identity (id, addedAt) never changes here.
 */
import type { PaperFields, StoredPaper } from '../model/paper.ts';

type Mergeable = Omit<PaperFields, 'abstract' | 'upvotes' | 'comments' | 'authors' | 'categories' | 'keywords'>;

const FILL_IN_FIELDS: Array<keyof Mergeable> = [
  'arxivId',
  'title',
  'authorCount',
  'organization',
  'published',
  'url',
  'pdfUrl',
  'doi',
  'journalRef',
  'arxivComment',
  'primaryCategory',
  'githubRepo',
  'projectPage',
  'venue',
  'entryType',
  'citationKey',
];

export function newStoredPaper(id: string, fields: PaperFields, source: string, now: string): StoredPaper {
  return {
    ...fields,
    authorCount: fields.authorCount ?? (fields.authors.length > 0 ? fields.authors.length : null),
    id,
    sources: [source],
    addedAt: now,
    modifiedAt: now,
  };
}

function longer<T>(a: T[], b: T[]): T[] {
  return b.length > a.length ? b : a;
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return b > a ? b : a;
}

/** Returns the merged paper and whether anything a user could see changed. */
export function mergePaper(
  existing: StoredPaper,
  incoming: PaperFields,
  source: string,
  now: string,
): { paper: StoredPaper; changed: boolean } {
  const merged: StoredPaper = { ...existing };
  for (const key of FILL_IN_FIELDS) {
    if (merged[key] === null || merged[key] === '') Object.assign(merged, { [key]: incoming[key] });
  }
  if (incoming.abstract.length > merged.abstract.length) merged.abstract = incoming.abstract;
  if (incoming.upvotes !== null) merged.upvotes = incoming.upvotes;
  if (incoming.comments !== null) merged.comments = incoming.comments;
  if (incoming.version !== null && (merged.version === null || incoming.version > merged.version)) {
    merged.version = incoming.version;
  }
  merged.updated = later(merged.updated, incoming.updated);
  merged.authors = longer(merged.authors, incoming.authors);
  merged.categories = longer(merged.categories, incoming.categories);
  merged.keywords = longer(merged.keywords, incoming.keywords);
  if (merged.authors.length > (merged.authorCount ?? 0)) merged.authorCount = merged.authors.length;
  if (!merged.sources.includes(source)) merged.sources = [...merged.sources, source];

  const changed = JSON.stringify({ ...merged, modifiedAt: '' }) !== JSON.stringify({ ...existing, modifiedAt: '' });
  if (changed) merged.modifiedAt = now;
  return { paper: changed ? merged : existing, changed };
}
