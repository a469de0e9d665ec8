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

/** A character JavaScript's `\w` matches (without the `u` flag): ASCII letters, digits and `_`. */
function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * What lunr.trimmer does to a token (`s.replace(/^\W+/, '').replace(/\W+$/, '')`), in one linear
 * pass. Lunr's `\W+$` retries from every start of a run of non-word characters, so a long run of
 * non-ASCII letters inside one word took minutes (1 MB: ~700 s). `keep` widens what counts as part
 * of the word (a query's wildcard `*`).
 */
export function trimWord(text: string, keep: (code: number) => boolean = isWordCode): string {
  let start = 0;
  while (start < text.length && !keep(text.charCodeAt(start))) start++;
  if (start === text.length) return '';
  let end = text.length;
  while (!keep(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `raw.replace(/^[^\w*]+|[^\w*]+$/g, '')` in linear time: a wildcard word without its punctuation. */
export const trimWildcardWord = (text: string): string => trimWord(text, (code) => code === 42 || isWordCode(code));

/** Offsets of the word inside a token by the trimmer's rule: `[lead, trail]` characters it drops. */
export function trimmedBounds(text: string): [lead: number, trail: number] {
  const word = trimWord(text);
  if (word === '') return [text.length, 0];
  let lead = 0;
  while (!isWordCode(text.charCodeAt(lead))) lead++;
  return [lead, text.length - lead - word.length];
}

interface PipelineToken {
  update(fn: (text: string) => string): PipelineToken;
}

/**
 * A drop-in for lunr.trimmer in a pipeline: same output for every token, linear time. It carries
 * Lunr's label, so a serialized pipeline still names the trimmer Lunr knows.
 */
export const linearTrimmer = Object.assign((token: PipelineToken): PipelineToken => token.update((text) => trimWord(text)), {
  label: 'trimmer',
}) as unknown as lunr.PipelineFunction;
