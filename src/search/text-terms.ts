/**
 * Lunr's analysis of a text, made cheap: tokens are cut exactly as lunr.tokenizer cuts them
 * (lowercased, split on whitespace and hyphens) and each token goes through Lunr's own pipeline
 * (trimmer, stop words, stemmer) once — its result is a pure function of the token, so it is cached.
 * Stemming dominated Lunr's indexing time; with the cache an abstract's words are mostly map hits.
 */
import lunr from 'lunr';
import { linearTrimmer } from './lunr-internals.ts';

// Lunr's own trimmer backtracks quadratically on long runs of non-ASCII letters; this one gives
// the same tokens in linear time.
const pipeline = new lunr.Pipeline();
pipeline.add(linearTrimmer, lunr.stopWordFilter, lunr.stemmer);

/** A stop word maps to null; a punctuation-only token maps to '' (Lunr indexes it so). */
const cache = new Map<string, string | null>();
/** Bounds the cache in a long-running process: distinct tokens grow with every import. */
const CACHE_LIMIT = 400_000;

/**
 * The index term of one token (already lowercased), or null for a stop word. Lunr's pipeline only
 * drops a token when a step returns '', which the trimmer never does (it returns a Token whose text
 * is ''), so punctuation-only tokens are indexed as the empty term, and scores must count them.
 */
export function termOf(token: string): string | null {
  let term = cache.get(token);
  if (term !== undefined) return term;
  term = pipeline.runString(token)[0] ?? null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, term);
  return term;
}

/**
 * lunr.tokenizer's separator is /[\s\-]+/ tested one character at a time: a hyphen or any
 * character JavaScript's \s matches. Tokens are the runs between separators.
 */
export function isSeparator(code: number): boolean {
  if (code < 128) return code === 45 || code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Calls `visit` for each token of `text` with its index term (null for stop words) and its place in
 * the lowercased text, which is where Lunr records positions.
 */
export function forEachTerm(text: string, visit: (term: string | null, start: number, length: number) => void): void {
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && !isSeparator(lower.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) visit(termOf(lower.slice(start, i)), start, i - start);
    start = -1;
  }
}

/** Term frequencies of one field and its length as Lunr's BM25 counts it (every term kept by the pipeline). */
export function fieldTerms(text: string): { frequencies: Map<string, number>; length: number } {
  const frequencies = new Map<string, number>();
  let length = 0;
  forEachTerm(text, (term) => {
    if (term === null) return;
    length++;
    frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  });
  return { frequencies, length };
}

/** Index terms of a text in order, without the empty term (what a query or `similar` can use). */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  forEachTerm(text, (term) => {
    if (term !== null && term !== '') terms.push(term);
  });
  return terms;
}

/**
 * Query words get the indexing pipeline, not Lunr's search pipeline (stemmer only): trimming makes
 * `(diffusion,` find `diffusion`, and a stop word is dropped instead of requiring a term that is
 * never indexed (which would make every AND query containing "the" empty).
 */
export function queryTerms(word: string): string[] {
  const term = termOf(word.toLowerCase());
  return term === null || term === '' ? [] : [term];
}
