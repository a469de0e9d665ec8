/**
 * A query typed by a user, read whole: ids and links it names (paper-references.ts), the tree of
 * words, phrases, groups and exclusions (syntax-tree.ts), and the limits that keep any query fast.
 * An empty query is an error ("type something to search") rather than "everything": listing is a
 * different operation, and an empty page would hide a mistake.
 */
import { QueryError } from '../../model/errors.ts';
import { trimWildcardWord } from '../index/lunr-internals.ts';
import { foldToken } from '../analysis/text-terms.ts';
import { MAX_CLAUSES, MAX_EXPANDING_CLAUSES, MAX_QUERY_LENGTH, nothingToSearch, type QueryClause } from './query-parser.ts';
import { extractReferences, type PaperReference } from './paper-references.ts';
import { parseTree, type QueryNode } from './syntax-tree.ts';

/** A word still being typed also matches as a prefix once it has this many letters. */
export const MIN_PREFIX_LENGTH = 2;

export interface ParseOptions {
  /** The last word, unless followed by a space, also matches words it begins (as-you-type search). */
  prefixLast?: boolean | undefined;
}

export interface ParsedSearch {
  /** Null when the query is only ids or links. */
  root: QueryNode | null;
  /** The same query as Lunr-style clauses, when it has no OR, group or phrase: scored exactly as Lunr. */
  flat: QueryClause[] | null;
  references: PaperReference[];
}

function flatClauses(root: QueryNode): QueryClause[] | null {
  if (root.kind === 'clause') return [root.clause];
  if (root.kind !== 'all' || ![...root.include, ...root.exclude].every((node) => node.kind === 'clause')) return null;
  const clauseOf = (node: QueryNode) => (node as Extract<QueryNode, { kind: 'clause' }>).clause;
  return [...root.include.map(clauseOf), ...root.exclude.map((node) => ({ ...clauseOf(node), presence: 'prohibited' as const }))];
}

function forEachLeaf(node: QueryNode, visit: (leaf: Extract<QueryNode, { kind: 'clause' | 'phrase' }>) => void): void {
  if (node.kind === 'clause' || node.kind === 'phrase') visit(node);
  else if (node.kind === 'all') [...node.include, ...node.exclude].forEach((child) => forEachLeaf(child, visit));
  else node.children.forEach((child) => forEachLeaf(child, visit));
}

function checkSize(root: QueryNode): void {
  let words = 0;
  let expanding = 0;
  forEachLeaf(root, (leaf) => {
    if (leaf.kind === 'phrase') words += leaf.phrase.terms.length;
    else {
      words++;
      if (leaf.clause.terms.some((term) => term.kind !== 'exact' && !term.lenient)) expanding++;
    }
  });
  if (words > MAX_CLAUSES) throw new QueryError(`the query has ${words} words; at most ${MAX_CLAUSES} are searched`);
  if (expanding > MAX_EXPANDING_CLAUSES) throw new QueryError(`at most ${MAX_EXPANDING_CLAUSES} words with "*" or "~" per query (this one has ${expanding})`);
}

/**
 * The word being typed also matches as a prefix; a single letter is not a word yet, so it is left
 * out (the list keeps showing what the words before it find) unless it is the whole query.
 */
function asPrefix(root: QueryNode, clause: QueryClause): QueryNode {
  const typed = trimWildcardWord(foldToken(clause.word));
  if (typed === '' || typed.includes('*')) return root;
  if (typed.length >= MIN_PREFIX_LENGTH) {
    clause.terms = [...clause.terms, { text: `${typed}*`, kind: 'wildcard', editDistance: 0, stemmedPattern: null, lenient: true }];
    return root;
  }
  if (root.kind !== 'all') return root;
  const include = root.include.filter((node) => node.kind !== 'clause' || node.clause !== clause);
  return include.length === 1 && root.exclude.length === 0 ? include[0]! : { ...root, include };
}

export function parseSearch(input: string, options: ParseOptions = {}): ParsedSearch {
  const text = input.trim();
  if (text === '') throw new QueryError('type something to search');
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`the query is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are searched`);
  }
  const { references, rest } = extractReferences(text);
  const { root, dropped, lastWord } = parseTree(rest);
  if (root === null) {
    if (references.length > 0) return { root: null, flat: null, references };
    throw nothingToSearch(dropped);
  }
  if (root.kind === 'all' && root.include.length === 0) {
    throw new QueryError('a query of only excluded words ("-word") finds nothing: add a word to search for');
  }
  const typed = options.prefixLast && lastWord && !/\s$/.test(input) ? asPrefix(root, lastWord) : root;
  checkSize(typed);
  return { root: typed, flat: flatClauses(typed), references };
}
