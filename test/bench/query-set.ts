/**
 * The benchmark's fixed query mix, in Papershelf's syntax (every word required), and its stock Lunr
 * equivalent: `+word` for each plain word, Lunr's own field names, and no stop words (Papershelf drops
 * them; stock Lunr would require a term it never indexes). Stock Lunr has no phrases or groups: a
 * phrase becomes its words, all required (a superset, confirmed by Papershelf against the text), and
 * words joined by OR or inside parentheses become Lunr's optional words.
 */
import { readFileSync } from 'node:fs';
import lunr from 'lunr';

export interface BenchQuery {
  kind: 'plain' | 'common' | 'field' | 'wildcard' | 'fuzzy' | 'exclusion' | 'phrase' | 'or' | 'custom';
  query: string;
}

export const QUERY_SET: BenchQuery[] = [
  { kind: 'plain', query: 'diffusion' },
  { kind: 'plain', query: 'reasoning benchmark' },
  { kind: 'plain', query: 'reinforcement learning policy' },
  { kind: 'plain', query: 'video generation' },
  { kind: 'plain', query: 'vision language alignment' },
  { kind: 'plain', query: 'robot' },
  { kind: 'plain', query: 'retrieval token' },
  { kind: 'common', query: 'model' },
  { kind: 'common', query: 'learning' },
  { kind: 'field', query: 'title:diffusion' },
  { kind: 'field', query: 'author:zhang' },
  { kind: 'field', query: 'title:reasoning language' },
  { kind: 'wildcard', query: 'optim*' },
  { kind: 'wildcard', query: 'retriev*' },
  { kind: 'wildcard', query: '*former' },
  { kind: 'fuzzy', query: 'atention~1' },
  { kind: 'fuzzy', query: 'reasonnig~1' },
  { kind: 'fuzzy', query: 'difusion~2' },
  { kind: 'exclusion', query: 'reasoning -agents' },
  { kind: 'exclusion', query: 'language -vision -video' },
  // Phrases of common words: many candidates, each confirmed by re-reading its text.
  { kind: 'phrase', query: '"language model"' },
  { kind: 'phrase', query: '"reinforcement learning" policy' },
  { kind: 'phrase', query: 'title:"video generation"' },
  { kind: 'or', query: 'robot OR manipulation' },
  { kind: 'or', query: '(video OR image) generation' },
  { kind: 'or', query: 'diffusion OR transformer OR retrieval' },
];

/** Queries that must come back quickly with a result or a readable refusal. */
export function pathologicalQueries(sampleAbstract: string): Array<{ label: string; query: string }> {
  const words = QUERY_SET.filter((q) => q.kind === 'plain').flatMap((q) => q.query.split(' '));
  return [
    { label: '*', query: '*' },
    { label: 'a*', query: 'a*' },
    { label: 'one very common word', query: 'the model' },
    { label: '20 terms', query: [...words, 'model', 'learning', 'data', 'task', 'method', 'results', 'training', 'approach'].slice(0, 20).join(' ') },
    // A pasted passage (field colons and query operators removed), cut at a word boundary.
    { label: '1,000 characters', query: sampleAbstract.replace(/[:^~*+-]/g, ' ').slice(0, 1001).replace(/\s+\S*$/, '') },
  ];
}

export function readQueryFile(path: string): BenchQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((query) => ({ kind: 'custom', query }));
}

/**
 * Whether stock Lunr means the same by this query: no phrase (it ignores quotes), no OR and no
 * group (its words become optional). Only these count towards the top-10 agreement; the others are
 * still timed.
 */
export function sharesStockSemantics(query: string): boolean {
  return !/["()]|\bOR\b/.test(query);
}

const STOCK_FIELDS: Record<string, string> = { author: 'authors', authors: 'authors', title: 'title', abstract: 'abstract' };

function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word.toLowerCase(), {})) === undefined;
}

/** The same search through stock Lunr's syntax. */
export function stockQuery(query: string): string {
  if (/\bOR\b|[()]/.test(query)) {
    // Words in a group or beside an OR are optional (Lunr's OR); the others stay required.
    const parts = query.match(/\([^)]*\)|\S+/g) ?? [];
    return parts
      .map((part, i) => {
        if (part === 'OR') return '';
        if (part.startsWith('(')) return part.replace(/[()]|\bOR\b/g, ' ');
        return parts[i - 1] === 'OR' || parts[i + 1] === 'OR' ? part : stockQuery(part);
      })
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  // A field before a phrase scopes each of its words.
  query = query.replace(/(\w+):"([^"]*)"/g, (_, field: string, words: string) => words.split(/\s+/).map((word) => `${field}:${word}`).join(' '));
  return query
    .replace(/"/g, '')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      const presence = word.startsWith('-') ? '-' : '+';
      const bare = word.replace(/^[+-]/, '');
      const field = /^(\w+):(.*)$/.exec(bare);
      const term = field ? field[2]! : bare;
      if (isStopWord(term)) return '';
      return `${presence}${field ? `${STOCK_FIELDS[field[1]!] ?? field[1]}:` : ''}${term}`;
    })
    .filter((word) => word !== '')
    .join(' ');
}
