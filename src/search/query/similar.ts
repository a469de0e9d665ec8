/**
 * "More like this": the paper's most distinctive words (term frequency × idf over the library)
 * become optional clauses, so papers sharing more of them, and rarer ones, rank higher.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { annotationFieldText, paperFieldText, PAPER_FIELDS, type AnnotationText, type SearchField } from '../analysis/fields.ts';
import { indexTerms } from '../analysis/text-terms.ts';
import type { QueryClause } from './query-parser.ts';

/** Enough words to characterise an abstract without turning the query into the whole abstract. */
export const SIMILAR_TERMS = 20;

export interface TermStatistics {
  idf(term: string): number;
  /** Live papers with the term, counted once per field (Lunr's document frequency). */
  documentFrequency(term: string): number;
}

function optionalClause(term: string, fields: SearchField[]): QueryClause {
  return {
    fields,
    terms: [{ text: term, kind: 'exact', editDistance: 0, stemmedPattern: null }],
    presence: 'optional',
    boost: 1,
    word: term,
  };
}

export function similarClauses(paper: Pick<StoredPaper, 'title' | 'abstract' | 'authors'>, annotation: AnnotationText | undefined, statistics: TermStatistics): QueryClause[] {
  const fieldTerms = [
    ...PAPER_FIELDS.map((field) => indexTerms(paperFieldText(paper, field))),
    ...(annotation ? [indexTerms(annotationFieldText(annotation, 'tags')), indexTerms(annotationFieldText(annotation, 'note'))] : []),
  ].map((terms) => new Set(terms));
  // Another paper has the word when its frequency exceeds this paper's own share of it.
  const elsewhere = (term: string) => statistics.documentFrequency(term) > fieldTerms.filter((terms) => terms.has(term)).length;

  const counts = new Map<string, number>();
  for (const term of indexTerms(`${paper.title}\n${paper.abstract}`)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const distinctive = [...counts]
    .filter(([term]) => elsewhere(term))
    .map(([term, tf]) => ({ term, weight: tf * statistics.idf(term) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, SIMILAR_TERMS);
  const clauses = distinctive.map(({ term }) => optionalClause(term, ['title', 'abstract']));
  const tagTerms = new Set((annotation?.tags ?? []).flatMap((tag) => indexTerms(tag)));
  for (const term of tagTerms) if (elsewhere(term)) clauses.push(optionalClause(term, ['tags']));
  return clauses;
}
