/**
 * Queries over a corpus state and its annotation index: the part of searching that needs no paper
 * bodies, shared by the in-process Corpus and the search worker (which holds indexes only).
 */
import type { StoredPaper } from '../model/paper.ts';
import type { AnnotationIndex } from './annotation-index.ts';
import type { CorpusState } from './corpus-state.ts';
import { isPaperField, type SearchField } from './fields.ts';
import { evaluate, termStatistics, type Ranked } from './query-eval.ts';
import { parseQuery } from './query-parser.ts';
import type { DocSpace } from './search-source.ts';
import { similarClauses } from './similar.ts';

export interface RankedPage {
  /** Matching papers (after the filter). */
  total: number;
  /** The requested page, best first. */
  page: Ranked[];
  /** Per field, the index terms that scored: what match positions are found for. */
  scoringTerms: Map<SearchField, Set<string>>;
}

export interface PageRequest {
  offset: number;
  limit: number;
  filter?: ((id: string) => boolean) | undefined;
}

export function docSpaceOf(state: CorpusState, annotations: AnnotationIndex): DocSpace {
  const annotation = annotations.source((id) => state.docOf(id));
  const documentCount = state.size;
  const tags = annotation.lengthTotal('tags');
  const note = annotation.lengthTotal('note');
  const total = (field: SearchField) => (isPaperField(field) ? state.lengthTotal(field) : field === 'tags' ? tags : note);
  return {
    ...state.docSpace(),
    sources: [...state.sources, annotation],
    stats: { documentCount, averageFieldLength: (field) => (documentCount === 0 ? 0 : total(field) / documentCount) },
  };
}

/** Throws QueryError, with a message for the user, for a query that cannot run. */
export function rankQuery(state: CorpusState, annotations: AnnotationIndex, query: string, request: PageRequest): RankedPage {
  return evaluate(parseQuery(query), docSpaceOf(state, annotations), request);
}

/** Papers sharing the most distinctive words (and tags) of `paper`, best first, without itself. */
export function rankSimilar(state: CorpusState, annotations: AnnotationIndex, paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>, limit: number): RankedPage {
  const space = docSpaceOf(state, annotations);
  const clauses = similarClauses(paper, annotations.text(paper.id), termStatistics(space));
  if (clauses.length === 0) return { total: 0, page: [], scoringTerms: new Map() };
  return evaluate(clauses, space, { filter: (other) => other !== paper.id, offset: 0, limit });
}
