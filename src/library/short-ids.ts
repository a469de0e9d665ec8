/**
 * Short ids for papers without an arXiv or DOI identity: `t:` + the title's first telling word (two
 * when it is very short) + the year (`t:georef-2025`), or + a few characters of a hash of the whole
 * title when the year is unknown or taken (`t:survey-k7q`). At most 24 characters, typeable, and the
 * same on every run: an id depends only on the title, the date and the ids already taken, and papers
 * assigned together get the same ids in any order. Also: finding an id by any unambiguous prefix.
 */
import { createHash } from 'node:crypto';

export const SHORT_ID_MAX_LENGTH = 24;
const PREFIX = 't:';
/** A first word shorter than this ("RL", "A") says too little alone: the next word joins it. */
const MIN_BASE_LENGTH = 5;
const HASH_LENGTHS = [3, 4, 5, 6, 8] as const;
/** Words that open many titles and tell nothing about the paper. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'for', 'from', 'to', 'in', 'with', 'and', 'via', 'towards', 'toward', 'by', 'at', 'is', 'are',
  'how', 'what', 'why', 'when', 'do', 'does', 'can', 'beyond', 'into',
]);

export interface ShortIdPaper {
  /** The paper's current id (a long `t:` key): what the assignment is keyed by. */
  id: string;
  title: string;
  published: string | null;
}

/** The title's words as ASCII slugs: accents dropped, apostrophes removed, hyphenated names kept whole. */
function slugWords(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/\s+/)
    .map((word) => word.replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, ''))
    .filter(Boolean);
}

/** The readable part of a short id, at most `max` characters, cut at a hyphen when it must be cut. */
export function titleBase(title: string, max = 16): string {
  const words = slugWords(title);
  const start = words.findIndex((word) => !STOP_WORDS.has(word));
  const telling = start < 0 ? words : words.slice(start);
  let base = '';
  for (const word of telling) {
    if (base && STOP_WORDS.has(word)) continue;
    base = base ? `${base}-${word}` : word;
    if (base.length >= MIN_BASE_LENGTH) break;
  }
  if (base.length > max) {
    const cut = base.slice(0, max);
    const hyphen = cut.lastIndexOf('-');
    base = hyphen >= MIN_BASE_LENGTH ? cut.slice(0, hyphen) : cut.replace(/-+$/, '');
  }
  return base || 'paper';
}

/** Base-36 digits of a hash of the title's words: the same title always gives the same digits. */
function titleHash(title: string): string {
  const digest = createHash('sha256').update(slugWords(title).join(' ')).digest();
  return BigInt(`0x${digest.subarray(0, 12).toString('hex')}`).toString(36).padStart(16, '0');
}

function withSuffix(title: string, suffix: string): string {
  return `${PREFIX}${titleBase(title, SHORT_ID_MAX_LENGTH - PREFIX.length - 1 - suffix.length)}-${suffix}`;
}

/** The ids a paper may get, most readable first. */
export function shortIdCandidates(paper: Pick<ShortIdPaper, 'title' | 'published'>): string[] {
  const year = /^(\d{4})-/.exec(paper.published ?? '')?.[1];
  const hash = titleHash(paper.title);
  return [...(year ? [withSuffix(paper.title, year)] : []), ...HASH_LENGTHS.map((length) => withSuffix(paper.title, hash.slice(0, length)))];
}

/**
 * Short ids for `papers` (by their current id), none of them in `taken`. A candidate two papers of
 * the batch both want goes to neither: both move on to their next one, so the result does not depend
 * on the order the papers are given in.
 */
export function assignShortIds(papers: readonly ShortIdPaper[], taken: Iterable<string> = []): Map<string, string> {
  const used = new Set(taken);
  const assigned = new Map<string, string>();
  const candidates = new Map(papers.map((paper) => [paper.id, shortIdCandidates(paper)]));
  let pending = [...new Map(papers.map((paper) => [paper.id, paper])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let level = 0; pending.length > 0; level++) {
    const wanted = new Map<string, ShortIdPaper[]>();
    const exhausted: ShortIdPaper[] = [];
    for (const paper of pending) {
      const candidate = candidates.get(paper.id)?.[level];
      if (candidate === undefined) exhausted.push(paper);
      else wanted.set(candidate, [...(wanted.get(candidate) ?? []), paper]);
    }
    const next: ShortIdPaper[] = [];
    for (const [candidate, group] of wanted) {
      const [only] = group;
      if (only && group.length === 1 && !used.has(candidate)) {
        assigned.set(only.id, candidate);
        used.add(candidate);
      } else next.push(...group);
    }
    // Titles whose every candidate clashes (practically never): numbered in id order.
    for (const paper of exhausted) {
      const last = candidates.get(paper.id)?.at(-1) ?? `${PREFIX}paper`;
      let n = 2;
      while (used.has(numbered(last, n))) n++;
      assigned.set(paper.id, numbered(last, n));
      used.add(numbered(last, n));
    }
    pending = next;
  }
  return assigned;
}

function numbered(id: string, n: number): string {
  const suffix = `-${n}`;
  return `${id.slice(0, SHORT_ID_MAX_LENGTH - suffix.length)}${suffix}`;
}

export type PrefixMatch =
  | { kind: 'exact'; id: string }
  | { kind: 'unique'; id: string }
  | { kind: 'ambiguous'; candidates: string[]; total: number }
  | { kind: 'none' };

/** Ids sorted once, so finding every id with a prefix is a binary search, even among 100k papers. */
export class IdPrefixIndex {
  private readonly sorted: string[];

  /** `canonical` maps an alias to the id it stands for, so an old id and its paper count as one. */
  constructor(
    ids: Iterable<string>,
    private readonly canonical: (id: string) => string = (id) => id,
  ) {
    this.sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The one paper whose id (or old id) starts with `input`; `t:` ids are matched in lower case. */
  match(input: string, limit = 20): PrefixMatch {
    const trimmed = input.trim();
    const prefix = trimmed.toLowerCase().startsWith(PREFIX) ? trimmed.toLowerCase() : trimmed;
    if (!prefix) return { kind: 'none' };
    const found = new Set<string>();
    for (let i = this.lowerBound(prefix); i < this.sorted.length; i++) {
      const id = this.sorted[i] ?? '';
      if (!id.startsWith(prefix)) break;
      if (id === prefix) return { kind: 'exact', id: this.canonical(id) };
      found.add(this.canonical(id));
    }
    const [only] = found;
    if (only !== undefined && found.size === 1) return { kind: 'unique', id: only };
    if (found.size === 0) return { kind: 'none' };
    return { kind: 'ambiguous', candidates: [...found].sort().slice(0, limit), total: found.size };
  }
}
