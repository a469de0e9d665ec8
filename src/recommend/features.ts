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

/** FNV-1a over UTF-16 code units: fast, stable across versions and processes. */
export function hashTerm(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & MASK;
}

/** Terms that carry no topic: empty (punctuation only), one letter, or only digits and dots. */
function useful(term: string): boolean {
  return term.length > 1 && !/^[\d.,%]+$/.test(term);
}

export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/**
 * Each feature of a text with its surface form, in order of first appearance: `visit(bucket, words)`
 * where `words` is the lowercased text of the term or bigram as written.
 */
export function forEachFeature(text: string, visit: (bucket: number, words: string) => void): void {
  const lower = text.toLowerCase();
  let previous: { term: string; start: number } | null = null;
  forEachTerm(text, (term, start, length) => {
    if (term === null || !useful(term)) {
      previous = null;
      return;
    }
    visit(hashTerm(term), trimSurface(lower.slice(start, start + length)));
    if (previous) visit(hashTerm(`${previous.term} ${term}`), trimSurface(lower.slice(previous.start, start + length)));
    previous = { term, start };
  });
}

function trimSurface(words: string): string {
  return words.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/\s+/g, ' ');
}

/** A text's features as sorted buckets with their counts (term frequencies). */
export function countFeatures(text: string): { buckets: Uint32Array; counts: Uint16Array } {
  const counts = new Map<number, number>();
  forEachFeature(text, (bucket) => counts.set(bucket, (counts.get(bucket) ?? 0) + 1));
  const buckets = Uint32Array.from(counts.keys()).sort();
  return { buckets, counts: Uint16Array.from(buckets, (bucket) => Math.min(0xffff, counts.get(bucket) ?? 0)) };
}

/** Bucket → the first surface form seen in `text` (to name a model's words for one paper). */
export function surfaceForms(text: string): Map<number, string> {
  const forms = new Map<number, string>();
  forEachFeature(text, (bucket, words) => {
    if (!forms.has(bucket)) forms.set(bucket, words);
  });
  return forms;
}
