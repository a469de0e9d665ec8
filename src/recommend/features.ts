/**
 * Title and abstract as features: the search index's analysis (folding, trimming, stop words, Lunr's
 * stemmer) gives the terms; each term and each pair of adjacent terms (a bigram, not across a stop
 * word) is hashed into one of FEATURE_SPACE buckets. Hashing needs no shared vocabulary, so every
 * segment's features are computed and cached on their own and stay valid as the library grows.
 */
import { forEachTerm } from '../search/analysis/text-terms.ts';

export const FEATURE_BITS = 20;
export const FEATURE_SPACE = 1 << FEATURE_BITS;
const MASK = FEATURE_SPACE - 1;

/** FNV-1a over UTF-16 code units, continuing from `state`: fast, stable across versions and processes. */
function fnv(text: string, state = 0x811c9dc5): number {
  let hash = state;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const SPACE_STATE = (previous: number) => fnv(' ', previous);

/** The bucket of the bigram "first second", without building the string. */
function bigramBucket(firstState: number, second: string): number {
  return fnv(second, SPACE_STATE(firstState)) & MASK;
}

/** Terms that carry no topic: empty (punctuation only), one letter, or only digits and dots. */
function useful(term: string): boolean {
  return term.length > 1 && !/^[\d.,%]+$/.test(term);
}

export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/**
 * Each feature of a text: `visit(bucket, start, end)` where start..end is the feature's place in the
 * lowercased text (a bigram spans both words).
 */
function forEachFeatureAt(text: string, visit: (bucket: number, start: number, end: number) => void): void {
  let previous: { state: number; start: number } | null = null;
  forEachTerm(text, (term, start, length) => {
    if (term === null || !useful(term)) {
      previous = null;
      return;
    }
    const state = fnv(term);
    visit(state & MASK, start, start + length);
    if (previous) visit(bigramBucket(previous.state, term), previous.start, start + length);
    previous = { state, start };
  });
}

function trimSurface(words: string): string {
  return words.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/\s+/g, ' ');
}

/** A text's features as sorted buckets with their counts (term frequencies). */
export function countFeatures(text: string): { buckets: Uint32Array; counts: Uint16Array } {
  const all: number[] = [];
  forEachFeatureAt(text, (bucket) => void all.push(bucket));
  const sorted = Uint32Array.from(all).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const buckets = new Uint32Array(distinct);
  const counts = new Uint16Array(distinct);
  let at = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) buckets[++at] = sorted[i] ?? 0;
    counts[at] = Math.min(0xffff, (counts[at] ?? 0) + 1);
  }
  return { buckets, counts };
}

/** Bucket → the first surface form seen in `text`, lowercased (to name a model's words for one paper). */
export function surfaceForms(text: string): Map<number, string> {
  const lower = text.toLowerCase();
  const forms = new Map<number, string>();
  forEachFeatureAt(text, (bucket, start, end) => {
    if (!forms.has(bucket)) forms.set(bucket, trimSurface(lower.slice(start, end)));
  });
  return forms;
}
