/**
 * The analysis of a text, shared by indexing and querying: tokens are cut exactly as lunr.tokenizer
 * cuts them (lowercased, split on whitespace and hyphens) and each token goes through one pipeline:
 * accent folding, a Unicode-aware trimmer, Lunr's stop words and Lunr's stemmer. Its result is a
 * pure function of the token, so it is cached: stemming dominated Lunr's indexing time, and with the
 * cache an abstract's words are mostly map hits.
 *
 * This departs from stock Lunr on purpose (Lunr's ASCII-only trimmer indexed "Łukasz" as "ukasz"
 * and dropped CJK words; `niccolo` did not find "Niccolò"). On ASCII text the result is stock
 * Lunr's; `ANALYSIS` configures a stock Lunr index the same way, which is what equality tests
 * compare with. Changing any step changes index terms: bump SEGMENT_INDEX_VERSION
 * (segment-index-codec.ts), and libraries re-index their older segments once when opened.
 */
import lunr from 'lunr';
import { trimWildcardWord, trimWord, unicodeTrimmer } from '../index/lunr-internals.ts';

/**
 * Letters that keep their identity under canonical decomposition (NFD cannot strip them), as the
 * ASCII a person types for them; keys are lower case (tokens are lowercased first). Compatibility
 * ligatures are here too: PDF-extracted abstracts are full of "ﬁ".
 */
const LETTERS: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l', ŧ: 't',
  ĸ: 'k', ŋ: 'n', ŉ: 'n', ſ: 's', ẜ: 's', ẝ: 's', ƀ: 'b', ƃ: 'b', ɓ: 'b', ƈ: 'c', ȼ: 'c', ƌ: 'd',
  ɖ: 'd', ɗ: 'd', ȡ: 'd', ƒ: 'f', ǥ: 'g', ɠ: 'g', ɡ: 'g', ɦ: 'h', ɨ: 'i', ɉ: 'j', ȷ: 'j', ƙ: 'k',
  ƚ: 'l', ȴ: 'l', ɲ: 'n', ȵ: 'n', ƞ: 'n', ɵ: 'o', ɔ: 'o', ƥ: 'p', ʠ: 'q', ɋ: 'q', ɍ: 'r', ʂ: 's',
  ȿ: 's', ƫ: 't', ƭ: 't', ʈ: 't', ȶ: 't', ⱦ: 't', ʉ: 'u', ʋ: 'v', ƴ: 'y', ɏ: 'y', ƶ: 'z', ȥ: 'z',
  ʐ: 'z', ɀ: 'z', ɛ: 'e', ǝ: 'e', ə: 'e', ɇ: 'e', ⱥ: 'a', ẚ: 'a', ĳ: 'ij', ǆ: 'dz', ǳ: 'dz',
  ǉ: 'lj', ǌ: 'nj', ỻ: 'll', ȸ: 'db', ȹ: 'qp',
  ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st',
  // Case folding rather than accents: a final sigma is a sigma ("ΣΑΣ" lowers to "σας").
  ς: 'σ',
};

/** Combining diacritics (the blocks NFD moves accents of Latin letters into). */
function isDiacritic(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x1dc0 && code <= 0x1dff) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe20 && code <= 0xfe2f);
}

/** Latin letters (basic, Latin-1, Extended-A/B, IPA, Extended Additional): their accents are dropped. */
function isLatinLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x2af && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff);
}

/**
 * A lowercased token with the accents of its Latin letters removed and the letters of LETTERS
 * spelled in ASCII: "niccolò" → "niccolo", "łukasz" → "lukasz", "straße" → "strasse", "i̇stanbul"
 * (a lowered "İstanbul") → "istanbul". Other scripts keep their marks (a Cyrillic "й" is not an
 * "и", a Devanagari vowel sign is part of its letter) and are recomposed (NFC) as they were.
 */
export function foldToken(token: string): string {
  let ascii = true;
  for (let i = 0; i < token.length && ascii; i++) ascii = token.charCodeAt(i) < 128;
  if (ascii) return token;
  const decomposed = token.normalize('NFD');
  let folded = '';
  let afterLatin = false;
  for (const char of decomposed) {
    const code = char.codePointAt(0)!;
    if (isDiacritic(code)) {
      if (!afterLatin) folded += char;
      continue;
    }
    const letters = LETTERS[char];
    folded += letters ?? char;
    afterLatin = letters !== undefined || isLatinLetter(code);
  }
  return folded.normalize('NFC');
}

/** foldToken as a Lunr pipeline function (for stock Lunr configured like Papershelf). */
const accentFolder = Object.assign((token: { update(fn: (text: string) => string): unknown }) => token.update(foldToken), {
  label: 'papershelfFold',
}) as unknown as lunr.PipelineFunction;
lunr.Pipeline.registerFunction(accentFolder, 'papershelfFold');

/** The pipeline, in order, for indexing and for query words alike. */
export const ANALYSIS: readonly lunr.PipelineFunction[] = [accentFolder, unicodeTrimmer, lunr.stopWordFilter, lunr.stemmer];

/**
 * ANALYSIS applied to one token without lunr.Pipeline's per-stage arrays: the same steps, and the
 * same rule that only a stop word (the filter returns nothing) drops a token; the trimmer leaves ''
 * for a punctuation-only token, which Lunr keeps and indexes.
 */
function analyse(token: string): string | null {
  const word = new lunr.Token(trimWord(foldToken(token)), {});
  if ((lunr.stopWordFilter(word) as lunr.Token | undefined) === undefined) return null;
  return lunr.stemmer(word).toString();
}

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
  term = analyse(token);
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
 * Query words get the indexing pipeline, not Lunr's search pipeline (stemmer only): folding makes
 * `Niccolò`, `niccolo` and `NICCOLO` one word, trimming makes `(diffusion,` find `diffusion`, and a
 * stop word is dropped instead of requiring a term that is never indexed (which would make every
 * AND query containing "the" empty).
 */
export function queryTerms(word: string): string[] {
  const term = termOf(word.toLowerCase());
  return term === null || term === '' ? [] : [term];
}

/**
 * A wildcard pattern as typed (`Łuk*`, `(müll*)`) in the form of index terms: lowercased, folded,
 * without its punctuation. Wildcards skip the stemmer (as in Lunr), but not folding, or `müll*` could
 * never match the folded "muller".
 */
export function wildcardPattern(raw: string): string {
  return trimWildcardWord(foldToken(raw.toLowerCase()));
}
