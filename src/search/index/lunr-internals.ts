/**
 * The parts of Lunr 2.3.9 that Papershelf uses beyond `lunr.Index#search`, typed once here.
 * `@types/lunr` omits them (QueryParser, the token-set constructors), and the segmented corpus needs
 * them: it parses queries with Lunr's grammar and expands wildcard and fuzzy words with Lunr's automata.
 */
import lunr from 'lunr';

export interface TokenSet {
  intersect(other: TokenSet): TokenSet;
  toArray(): string[];
}

/** lunr.Query.presence values. */
export const Presence = { Optional: 1, Required: 2, Prohibited: 3 } as const;
export type Presence = (typeof Presence)[keyof typeof Presence];

/** A clause as lunr.QueryParser produces it. */
export interface ParsedLunrClause {
  term: string;
  fields: string[];
  boost: number;
  editDistance?: number;
  usePipeline: boolean;
  wildcard: number;
  presence?: Presence;
}

export interface QueryParseErrorLike extends Error {
  start: number;
  end: number;
}

interface LunrExtras {
  TokenSet: {
    fromString(text: string): TokenSet;
    fromFuzzyString(text: string, editDistance: number): TokenSet;
    fromArray(sorted: string[]): TokenSet;
  };
  QueryParser: new (text: string, query: lunr.Query) => { parse(): lunr.Query };
  QueryParseError: new (message: string, start: number, end: number) => QueryParseErrorLike;
}

const extras = lunr as unknown as LunrExtras;

export const tokenSetFromString = (text: string): TokenSet => extras.TokenSet.fromString(text);
export const tokenSetFromFuzzyString = (text: string, distance: number): TokenSet =>
  extras.TokenSet.fromFuzzyString(text, distance);
export const tokenSetFromSortedArray = (sorted: string[]): TokenSet => extras.TokenSet.fromArray(sorted);

export function parseLunrQuery(text: string, fields: string[]): ParsedLunrClause[] {
  const query = new lunr.Query(fields);
  new extras.QueryParser(text, query).parse();
  return query.clauses as unknown as ParsedLunrClause[];
}

export function isQueryParseError(error: unknown): error is QueryParseErrorLike {
  return error instanceof extras.QueryParseError;
}

/**
 * Word characters of Papershelf's trimmer: letters, digits and combining marks of every script, and
 * `_` (as in `\w`). Lunr's trimmer knows only ASCII `\w`, which turned "Łukasz" into "ukasz" and
 * "日本語" into nothing; marks count so that an Indic vowel sign or an accent left by a decomposed
 * letter stays with its word. On ASCII text the two trimmers agree exactly.
 */
const WORD_AT = /[\p{L}\p{N}\p{M}_]/uy;

function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whether the character (code point) starting at `at` is a word character. */
function isWordAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return isAsciiWordCode(code);
  WORD_AT.lastIndex = at;
  return WORD_AT.test(text);
}

/** Where the code point ending at `end` (exclusive) starts: a surrogate pair is one character. */
function previousStart(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return end - 2;
  }
  return end - 1;
}

function nextEnd(text: string, start: number): number {
  const high = text.charCodeAt(start);
  if (high >= 0xd800 && high <= 0xdbff && start + 1 < text.length) {
    const low = text.charCodeAt(start + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return start + 2;
  }
  return start + 1;
}

/**
 * `[lead, trail]`: how many UTF-16 units of non-word characters begin and end the text (with
 * `keep` also counting as word characters). One pass from each end, so linear however long the
 * run: Lunr's `/\W+$/` retried from every character of a run (a 1 MB run took ~700 s).
 */
function edges(text: string, keep?: (code: number) => boolean): [lead: number, trail: number] {
  const isWord = keep === undefined ? (at: number) => isWordAt(text, at) : (at: number) => keep(text.charCodeAt(at)) || isWordAt(text, at);
  let start = 0;
  while (start < text.length && !isWord(start)) start = nextEnd(text, start);
  if (start >= text.length) return [text.length, 0];
  let end = text.length;
  for (let from = previousStart(text, end); !isWord(from); from = previousStart(text, end)) end = from;
  return [start, text.length - end];
}

/** The text without its leading and trailing non-word characters. */
export function trimWord(text: string, keep?: (code: number) => boolean): string {
  // Most tokens begin and end with an ASCII letter: nothing to trim.
  if (text.length > 0 && isAsciiWordCode(text.charCodeAt(0)) && isAsciiWordCode(text.charCodeAt(text.length - 1))) return text;
  const [lead, trail] = edges(text, keep);
  if (lead >= text.length) return '';
  return lead === 0 && trail === 0 ? text : text.slice(lead, text.length - trail);
}

/** A wildcard word without its punctuation (the `*` is part of the word). */
export const trimWildcardWord = (text: string): string => trimWord(text, (code) => code === 42);

/**
 * Offsets of the word inside a token by the trimmer's rule: `[lead, trail]` characters it drops
 * (lead is the whole length when nothing is left). Highlights narrow a token to its word with it.
 */
export function trimmedBounds(text: string): [lead: number, trail: number] {
  return edges(text);
}

interface PipelineToken {
  update(fn: (text: string) => string): PipelineToken;
}

/**
 * The trimmer as a Lunr pipeline function, registered under its own label: it is not lunr.trimmer
 * (see WORD_AT), and a serialized pipeline must not claim it is.
 */
export const unicodeTrimmer = Object.assign((token: PipelineToken): PipelineToken => token.update((text) => trimWord(text)), {
  label: 'papershelfTrimmer',
}) as unknown as lunr.PipelineFunction;
lunr.Pipeline.registerFunction(unicodeTrimmer, 'papershelfTrimmer');
