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
