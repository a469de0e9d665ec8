/**
 * A parsed query run inside the kept PDFs: the same tree (words, phrases, OR, NOT, wildcards,
 * fuzziness) evaluated by the same evaluator over the full-text index alone. `fulltext:` words and
 * phrases search the PDFs; unscoped ones do too when the user asked to search inside PDFs; words
 * scoped to another field (`title:`) match nothing here (they are the paper segments' business).
 */
import { SEARCH_FIELDS } from '../analysis/fields.ts';
import { Evaluator, rankMatched, type Ranked } from '../query/query-eval.ts';
import type { QueryNode } from '../query/syntax-tree.ts';
import { matchTree, scoringClauses, type PhraseCheck } from '../query/tree-eval.ts';
import type { Phrase } from '../query/phrase.ts';
import { FULLTEXT_FIELD } from './fulltext-manifest.ts';
import type { FulltextSpace } from './fulltext-source.ts';

/** Whether a query names `fulltext:` anywhere (it then searches inside PDFs without being asked). */
export function namesFulltext(node: QueryNode): boolean {
  if (node.kind === 'clause') return node.clause.fulltext === true;
  if (node.kind === 'phrase') return node.phrase.fulltext === true;
  if (node.kind === 'all') return [...node.include, ...node.exclude].some(namesFulltext);
  return node.children.some(namesFulltext);
}

const unscoped = (fields: readonly string[]) => fields.length === SEARCH_FIELDS.length;

/** The tree with each leaf's fields as the full-text index knows them. */
export function fulltextTree(node: QueryNode, everyWord: boolean): QueryNode {
  const inside = (fulltext: boolean | undefined, fields: readonly string[]) => fulltext === true || (everyWord && unscoped(fields));
  if (node.kind === 'clause') return { kind: 'clause', clause: { ...node.clause, fields: inside(node.clause.fulltext, node.clause.fields) ? [FULLTEXT_FIELD] : [] } };
  if (node.kind === 'phrase') return { kind: 'phrase', phrase: { ...node.phrase, fields: inside(node.phrase.fulltext, node.phrase.fields) ? [FULLTEXT_FIELD] : [] } };
  if (node.kind === 'all') return { kind: 'all', include: node.include.map((child) => fulltextTree(child, everyWord)), exclude: node.exclude.map((child) => fulltextTree(child, everyWord)) };
  return { kind: 'any', children: node.children.map((child) => fulltextTree(child, everyWord)) };
}

/** The phrases of a full-text tree that search inside PDFs (a hit's page is where one of them is). */
export function fulltextPhrases(node: QueryNode): Phrase[] {
  if (node.kind === 'phrase') return node.phrase.fields.length > 0 ? [node.phrase] : [];
  if (node.kind === 'clause') return [];
  return (node.kind === 'all' ? node.include : node.children).flatMap(fulltextPhrases);
}

export interface FulltextRanking {
  /** Every paper whose PDF matches, best first. */
  ranked: Ranked[];
  /** The index terms that scored (what a snippet highlights). */
  terms: ReadonlySet<string>;
  phrases: Phrase[];
}

/** Ranks every PDF the tree matches; `holdsPhrase` confirms a phrase on a PDF holding its words. */
export function rankFulltext(space: FulltextSpace, tree: QueryNode, holdsPhrase: (id: string, phrase: Phrase) => boolean): FulltextRanking {
  const evaluator = new Evaluator(space);
  const holds: PhraseCheck = (doc, _field, phrase) => holdsPhrase(space.idOf(doc), phrase);
  const matched = matchTree(evaluator, tree, null, holds);
  const evaluation = rankMatched(evaluator, scoringClauses(tree), matched, { offset: 0, limit: Math.max(1, space.docLimit) });
  return { ranked: evaluation.page, terms: evaluation.scoringTerms.get(FULLTEXT_FIELD) ?? new Set(), phrases: fulltextPhrases(tree) };
}
