/**
 * The parts of Lunr 2.3.9 that Papershelf uses beyond `lunr.Index#search`, typed once here.
 * `@types/lunr` omits them (QueryParser, the token-set constructors, the inverted index), and the
 * segmented corpus needs them: it parses queries, expands terms and scores across several indexes.
 */
import lunr from 'lunr';

export interface TokenSet {
  intersect(other: TokenSet): TokenSet;
  toArray(): string[];
}

/** Lunr records one `[start, length]` per occurrence of a term in a field (metadataWhitelist). */
export interface DocMetadata {
  position?: Array<[number, number]>;
}
/** Document ref -> metadata, for one term in one field. */
export type FieldPosting = Record<string, DocMetadata>;
/** One term's entry: its vector slot `_index` and a FieldPosting per field. */
export type Posting = Record<string, FieldPosting | number>;
export type InvertedIndex = Record<string, Posting>;

export function fieldPosting(posting: Posting | undefined, field: string): FieldPosting | undefined {
  const value = posting?.[field];
  return typeof value === 'object' ? value : undefined;
}

/** Postings parsed from JSON have Object.prototype: never let `constructor` look like a document. */
export function docMetadata(posting: FieldPosting | undefined, ref: string): DocMetadata | undefined {
  return posting !== undefined && Object.hasOwn(posting, ref) ? posting[ref] : undefined;
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

interface BuilderInternals {
  invertedIndex: InvertedIndex;
  /** Keyed `field/ref`; counts terms left after the pipeline, as Lunr's BM25 uses them. */
  fieldLengths: Record<string, number>;
}

interface IndexInternals {
  invertedIndex: InvertedIndex;
  tokenSet: TokenSet;
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

/** A builder configured exactly as `lunr(config)` configures one, plus match positions. */
export function newBuilder(fields: readonly string[]): lunr.Builder {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.searchPipeline.add(lunr.stemmer);
  builder.ref('ref');
  for (const field of fields) builder.field(field);
  builder.metadataWhitelist = ['position'];
  return builder;
}

export function builderInternals(builder: lunr.Builder): BuilderInternals {
  return builder as unknown as BuilderInternals;
}

export function indexInternals(index: lunr.Index): IndexInternals {
  return index as unknown as IndexInternals;
}

/**
 * Query terms get the indexing pipeline, not Lunr's search pipeline (stemmer only): trimming makes
 * `(diffusion,` find `diffusion`, and a stop word is dropped instead of requiring a term that is
 * never indexed (which would make every AND query containing "the" empty).
 */
const queryPipeline = new lunr.Pipeline();
queryPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

/*
 * Lunr's pipeline only drops a token when a step returns '' as a string; the trimmer returns a
 * Token whose text is '', so punctuation-only tokens ("—", '"') are indexed as the empty term.
 * Indexes keep that (scores must equal stock Lunr's); queries never ask for it.
 */
export function queryTerms(term: string): string[] {
  return queryPipeline.runString(term).filter((text) => text !== '');
}

export function indexTerms(text: string): string[] {
  return queryPipeline
    .run(lunr.tokenizer(text))
    .map((token) => token.toString())
    .filter((term) => term !== '');
}
