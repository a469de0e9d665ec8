/**
 * Turns what the user typed into clauses, with Lunr's own query syntax (lunr.QueryParser) and
 * Papershelf's semantics on top: every word is required (AND) unless prefixed with `-`, singular
 * field names (`author:`, `tag:`), and readable errors for anything Lunr cannot run or that would
 * take unbounded time.
 */
import { QueryError } from '../../model/errors.ts';
import { QUERY_FIELD_HELP, QUERY_FIELD_NAMES, SEARCH_FIELDS, type SearchField } from '../analysis/fields.ts';
import { isQueryParseError, parseLunrQuery, Presence, trimWildcardWord, type ParsedLunrClause } from '../index/lunr-internals.ts';
import { foldToken, queryTerms } from '../analysis/text-terms.ts';

export const MAX_QUERY_LENGTH = 1000;
export const MAX_CLAUSES = 200;
/** Wildcard and fuzzy words each scan the vocabulary; a handful is all a person types. */
export const MAX_EXPANDING_CLAUSES = 10;
export const MAX_EDIT_DISTANCE = 2;
export const MAX_BOOST = 100;
/** Lunr's fuzzy automaton grows steeply with word length at distance 2 (a 60-letter word: ~1 s). */
export const MAX_FUZZY_LENGTH = 24;
/** Each further "*" in one word multiplies Lunr's token-set intersection (6 of them: seconds). */
export const MAX_WILDCARDS_PER_WORD = 2;

export type TermKind = 'exact' | 'wildcard' | 'fuzzy';

export interface TermSpec {
  /** An index term (already stemmed) or a wildcard pattern. */
  text: string;
  kind: TermKind;
  editDistance: number;
  /**
   * Index terms are stemmed, so `transformer*` finds nothing ("transformers" is indexed as
   * "transform"); when a trailing-wildcard pattern expands to nothing, its stemmed prefix is tried.
   */
  stemmedPattern: string | null;
  /**
   * A guess added for a word still being typed (its prefix): it expands to nothing rather than
   * refusing the query when too many words start with it.
   */
  lenient?: boolean;
}

export type ClausePresence = 'required' | 'optional' | 'prohibited';

export interface QueryClause {
  fields: SearchField[];
  terms: TermSpec[];
  presence: ClausePresence;
  boost: number;
  /** The word as typed, for messages. */
  word: string;
  /**
   * `fulltext:word`: searched inside the kept PDFs only (src/search/fulltext/). Its `fields` are
   * empty, so the paper segments never match it.
   */
  fulltext?: boolean;
}

/** The field a user types to search inside the kept PDFs. */
export const FULLTEXT_NAME = 'fulltext';

function snippet(text: string, start: number, end: number): string {
  return text.slice(Math.max(0, start - 10), Math.min(text.length, end + 10)).trim();
}

function friendlyParseError(error: { message: string; start: number; end: number }, text: string): string {
  const message = error.message;
  const near = snippet(text, error.start, error.end);
  if (message.startsWith('unrecognised field')) {
    const field = text.slice(error.start, error.end);
    return field === ''
      ? `":" needs a field name before it: ${QUERY_FIELD_HELP}`
      : `unknown field "${field}:" — you can search ${QUERY_FIELD_HELP} (to search for the word, drop the ":")`;
  }
  if (message.startsWith('expecting term, found nothing')) {
    return `"${text.slice(error.start, error.end)}:" needs a word after it, e.g. title:diffusion`;
  }
  if (message.startsWith('expecting term or field, found nothing')) return '"+" and "-" need a word right after them, e.g. -survey';
  if (message.startsWith("expecting term, found 'PRESENCE'")) return 'put "-" or "+" before the field, e.g. -title:survey';
  if (message.startsWith("expecting term, found 'FIELD'")) return `one field per word: cannot read "${near}"`;
  if (message.startsWith("expecting term or field, found 'PRESENCE'")) return 'use one "+" or "-" per word';
  if (message.startsWith('edit distance must be numeric')) return `"~" needs a number from 0 to ${MAX_EDIT_DISTANCE} after it, e.g. transformer~1`;
  if (message.startsWith('boost must be numeric')) return `"^" needs a number after it, e.g. diffusion^2`;
  if (/found EDIT_DISTANCE/.test(message)) return '"~" goes right after a word, e.g. transformer~1';
  if (/found BOOST/.test(message)) return '"^" goes right after a word, e.g. diffusion^2';
  return `cannot read the query near "${near}"`;
}

function parseWithLunr(text: string): ParsedLunrClause[] {
  try {
    return parseLunrQuery(text, [...Object.keys(QUERY_FIELD_NAMES), FULLTEXT_NAME]);
  } catch (error) {
    if (isQueryParseError(error)) throw new QueryError(friendlyParseError(error, text));
    throw new QueryError(`cannot read the query: ${(error as Error).message}`);
  }
}

function clauseFields(names: readonly string[]): SearchField[] {
  const fields = new Set<SearchField>();
  for (const name of names) {
    const field = QUERY_FIELD_NAMES[name];
    if (field) fields.add(field);
  }
  return SEARCH_FIELDS.filter((field) => fields.has(field));
}

function wildcardTerm(raw: string, editDistance: number): TermSpec {
  if (editDistance > 0) throw new QueryError(`"${raw.slice(0, 40)}": a word cannot have both "*" and "~"`);
  // The pipeline (which would fold and trim) is skipped for wildcards, as in Lunr; do both here.
  const pattern = trimWildcardWord(foldToken(raw));
  if (pattern.replace(/\*/g, '') === '') {
    throw new QueryError(`"${raw.slice(0, 20)}" would match every word: put letters with the "*", e.g. trans*`);
  }
  if ((pattern.match(/\*/g)?.length ?? 0) > MAX_WILDCARDS_PER_WORD) {
    throw new QueryError(`"${raw.slice(0, 40)}": at most ${MAX_WILDCARDS_PER_WORD} "*" per word`);
  }
  const prefix = /^([^*]+)\*$/.exec(pattern)?.[1];
  const stemmed = prefix === undefined ? undefined : queryTerms(prefix)[0];
  return {
    text: pattern,
    kind: 'wildcard',
    editDistance: 0,
    stemmedPattern: stemmed !== undefined && stemmed !== prefix ? `${stemmed}*` : null,
  };
}

function toClause(clause: ParsedLunrClause, dropped: string[]): QueryClause | null {
  const editDistance = clause.editDistance ?? 0;
  if (editDistance > MAX_EDIT_DISTANCE) {
    throw new QueryError(`"${clause.term.slice(0, 40)}~${editDistance}": fuzziness goes from 0 to ${MAX_EDIT_DISTANCE}`);
  }
  if (!Number.isFinite(clause.boost) || clause.boost < 1 || clause.boost > MAX_BOOST) {
    throw new QueryError(`"${clause.term.slice(0, 40)}^${clause.boost}": a boost goes from 1 to ${MAX_BOOST}`);
  }
  let terms: TermSpec[];
  if (clause.usePipeline) {
    const kind: TermKind = editDistance > 0 ? 'fuzzy' : 'exact';
    terms = queryTerms(clause.term).map((text) => ({ text, kind, editDistance, stemmedPattern: null }));
    if (kind === 'fuzzy' && terms.some((term) => term.text.length > MAX_FUZZY_LENGTH)) {
      throw new QueryError(`"${clause.term.slice(0, 40)}…~${editDistance}": "~" works on words of up to ${MAX_FUZZY_LENGTH} letters`);
    }
  } else {
    terms = [wildcardTerm(clause.term, editDistance)];
  }
  if (terms.length === 0) {
    // Letters left after trimming mean a stop word; none means punctuation.
    dropped.push(clause.term);
    return null;
  }
  // An unscoped word lists every field name, `fulltext` among them; only `fulltext:word` names it alone.
  const fulltext = clause.fields.length === 1 && clause.fields[0] === FULLTEXT_NAME;
  return {
    fields: fulltext ? [] : clauseFields(clause.fields),
    terms,
    presence: clause.presence === Presence.Prohibited ? 'prohibited' : 'required',
    boost: clause.boost,
    word: clause.term,
    ...(fulltext ? { fulltext } : {}),
  };
}

/** Reads one word of the query (Lunr's syntax: `field:`, `*`, `~n`, `^n`, a leading `+`/`-`). */
export function parseWord(word: string, dropped: string[]): QueryClause[] {
  // Terms are lowercased by Lunr anyway; lowercasing first also makes `Title:` a field.
  return parseWithLunr(word.toLowerCase())
    .map((clause) => toClause(clause, dropped))
    .filter((clause): clause is QueryClause => clause !== null);
}

/** The refusal for a query left with nothing to search for, naming the common words it dropped. */
export function nothingToSearch(dropped: readonly string[]): QueryError {
  const common = [...new Set(dropped.filter((word) => /[\p{L}\p{N}]/u.test(word)))].slice(0, 5);
  if (common.length > 0) {
    const list = common.map((word) => `"${word.slice(0, 40)}"`).join(', ');
    return new QueryError(`${list} ${common.length === 1 ? 'is' : 'are'} too common to search for: add a more specific word`);
  }
  return new QueryError('nothing to search for: type a word of letters or digits');
}
