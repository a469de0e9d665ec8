/**
 * A small, real query engine for the fake bridge, with the core's query semantics: AND between
 * words, `field:` scoping, `foo*`, `foo~1`, `-foo`, `+foo`; unusable queries throw QueryError; hits
 * report `[start, length]` positions into each field's text (authors and tags joined with ", ").
 */
import { QueryError } from '../../src/model/errors.ts';

export type SearchField = 'title' | 'abstract' | 'authors' | 'tags' | 'note';
export type FieldTexts = Record<SearchField, string>;

interface Clause {
  prohibited: boolean;
  fields: SearchField[];
  term: string;
  kind: 'exact' | 'prefix' | 'fuzzy';
  distance: number;
}

export interface Hit {
  id: string;
  score: number;
  matches: Array<{ field: SearchField; term: string; positions: Array<[number, number]> }>;
}

const ALL_FIELDS: SearchField[] = ['title', 'abstract', 'authors', 'tags', 'note'];
const FIELD_NAMES: Record<string, SearchField> = {
  title: 'title',
  abstract: 'abstract',
  author: 'authors',
  authors: 'authors',
  tag: 'tags',
  tags: 'tags',
  note: 'note',
};

function parseClause(token: string): Clause {
  const prohibited = token.startsWith('-');
  let rest = token.replace(/^[+-]/, '');
  if (!rest) throw new QueryError(`"${token}" needs a word after the sign`);
  let fields = ALL_FIELDS;
  const scoped = /^([a-z]+):(.*)$/i.exec(rest);
  if (scoped) {
    const field = FIELD_NAMES[scoped[1]!.toLowerCase()];
    if (!field) throw new QueryError(`unknown field "${scoped[1]}": use title:, author:, tag: or note:`);
    if (!scoped[2]) throw new QueryError(`"${token}" needs a word after the colon`);
    fields = [field];
    rest = scoped[2];
  }
  const fuzzy = /^(.*)~(\d)$/.exec(rest);
  const kind = fuzzy ? 'fuzzy' : rest.endsWith('*') ? 'prefix' : 'exact';
  const term = (fuzzy ? fuzzy[1]! : rest).replace(/\*$/, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (!term) throw new QueryError(`"${token}" has no word to search for`);
  return { prohibited, fields, term, kind, distance: fuzzy ? Number(fuzzy[2]) : 0 };
}

export function parseQuery(query: string): Clause[] {
  const tokens = query.trim().split(/\s+/).filter((token) => token);
  if (tokens.length === 0) throw new QueryError('the query is empty');
  const clauses = tokens.map(parseClause);
  if (clauses.every((clause) => clause.prohibited)) throw new QueryError('a query needs at least one word that is not excluded');
  return clauses;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function wordMatches(clause: Clause, word: string): boolean {
  if (clause.kind === 'prefix') return word.startsWith(clause.term);
  if (clause.kind === 'fuzzy') return editDistance(word, clause.term) <= clause.distance;
  return word === clause.term;
}

function positionsIn(clause: Clause, text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const word of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (wordMatches(clause, word[0].toLowerCase())) found.push([word.index, word[0].length]);
  }
  return found;
}

export function runQuery(query: string, documents: Iterable<{ id: string; texts: FieldTexts }>): Hit[] {
  const clauses = parseQuery(query);
  const hits: Hit[] = [];
  for (const doc of documents) {
    const matches: Hit['matches'] = [];
    let ok = true;
    for (const clause of clauses) {
      const found = clause.fields
        .map((field) => ({ field, term: clause.term, positions: positionsIn(clause, doc.texts[field]) }))
        .filter((match) => match.positions.length > 0);
      if (clause.prohibited ? found.length > 0 : found.length === 0) {
        ok = false;
        break;
      }
      if (!clause.prohibited) matches.push(...found);
    }
    if (ok) hits.push({ id: doc.id, score: matches.reduce((sum, match) => sum + match.positions.length, 0), matches });
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
