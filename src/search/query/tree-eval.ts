/**
 * Which papers a query tree selects, as a doc-sized 0/1 array: words through the indexes, AND /
 * OR / exclusion as set operations, phrases as the papers holding all their words whose field text
 * has them adjacent. A phrase is confirmed only on papers the rest of its group still allows, so
 * `"language model" title:reasoning` re-reads a few abstracts, not every one with "model".
 */
import type { SearchField } from '../analysis/fields.ts';
import type { Evaluator } from './query-eval.ts';
import type { QueryClause } from './query-parser.ts';
import type { Phrase } from './phrase.ts';
import type { QueryNode } from './syntax-tree.ts';

/** Whether paper `doc` holds the phrase in that field (it holds all its words there). */
export type PhraseCheck = (doc: number, field: SearchField, phrase: Phrase) => boolean;

function clauseSet(evaluator: Evaluator, clause: QueryClause): Uint8Array {
  const set = new Uint8Array(evaluator.space.docLimit);
  evaluator.forEachMatch(evaluator.clauseTerms(clause), clause.fields, (doc) => (set[doc] = 1));
  return set;
}

/**
 * Per field, the papers with every word of the phrase in that field, confirmed against that field's
 * text: a paper with "language" in its title and "model" in its abstract is never re-read.
 */
function phraseSet(evaluator: Evaluator, phrase: Phrase, within: Uint8Array | null, holds: PhraseCheck): Uint8Array {
  const space = evaluator.space;
  const size = space.docLimit;
  const set = new Uint8Array(size);
  if (!phrase.terms.every((term) => space.sources.some((source) => source.hasTerm(term)))) return set;
  const hits = new Uint16Array(size);
  const wanted = phrase.terms.length;
  for (const field of phrase.fields) {
    hits.fill(0);
    // A term appears once per field in an index, so each visit is a different paper.
    for (const term of phrase.terms) evaluator.forEachMatch([term], [field], (doc) => (hits[doc] = hits[doc]! + 1));
    for (let doc = 0; doc < size; doc++) {
      if (hits[doc] !== wanted || set[doc] === 1 || (within !== null && within[doc] !== 1)) continue;
      if (holds(doc, field, phrase)) set[doc] = 1;
    }
  }
  return set;
}

/** Cheap nodes first, so that phrases are confirmed on as few papers as possible. */
const cost = (node: QueryNode) => (node.kind === 'clause' ? 0 : node.kind === 'phrase' ? 2 : 1);

export function matchTree(evaluator: Evaluator, node: QueryNode, within: Uint8Array | null, text: PhraseCheck): Uint8Array {
  if (node.kind === 'clause') return clauseSet(evaluator, node.clause);
  if (node.kind === 'phrase') return phraseSet(evaluator, node.phrase, within, text);
  const size = evaluator.space.docLimit;
  if (node.kind === 'any') {
    const set = new Uint8Array(size);
    for (const child of node.children) {
      const part = matchTree(evaluator, child, within, text);
      for (let doc = 0; doc < size; doc++) set[doc] = set[doc]! | part[doc]!;
    }
    return set;
  }
  let set: Uint8Array | null = null;
  for (const child of [...node.include].sort((a, b) => cost(a) - cost(b))) {
    const part = matchTree(evaluator, child, set ?? within, text);
    if (set === null) set = part;
    else for (let doc = 0; doc < size; doc++) set[doc] = set[doc]! & part[doc]!;
  }
  const result = set ?? new Uint8Array(size);
  for (const child of node.exclude) {
    const part = matchTree(evaluator, child, result, text);
    for (let doc = 0; doc < size; doc++) result[doc] = result[doc]! & (part[doc]! ^ 1);
  }
  return result;
}

/** The words that rank a tree's matches: every clause and phrase word not under an exclusion. */
export function scoringClauses(node: QueryNode): QueryClause[] {
  if (node.kind === 'clause') return [node.clause];
  if (node.kind === 'phrase') {
    return node.phrase.terms.map((term) => ({
      fields: node.phrase.fields,
      terms: [{ text: term, kind: 'exact', editDistance: 0, stemmedPattern: null }],
      presence: 'required',
      boost: 1,
      word: term,
    }));
  }
  return (node.kind === 'any' ? node.children : node.include).flatMap(scoringClauses);
}
