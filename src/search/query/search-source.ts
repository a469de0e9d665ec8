/**
 * What query evaluation needs from one index — a paper segment or the annotation index — so that a
 * clause can be evaluated over all of them and scored as if they were one Lunr index. Papers are
 * numbered across the whole corpus ("docs": a segment's first paper is its base, then line order),
 * so evaluation can keep its per-paper state in flat arrays.
 */
import type { SearchField } from '../analysis/fields.ts';

export type PostingVisitor = (doc: number, frequency: number, fieldLength: number) => void;

export interface SearchSource {
  readonly fields: readonly SearchField[];
  /** Every term this index has (live papers or not), sorted as Lunr sorts its token set. */
  readonly terms: readonly string[];
  hasTerm(term: string): boolean;
  /** Visits each live paper with the term in the field. */
  forEachLive(term: string, field: SearchField, visit: PostingVisitor): void;
  /** Live papers with the term in the field (one part of Lunr's document frequency). */
  liveCount(term: string, field: SearchField): number;
}

/** Collection statistics of the whole live library, shared by every source so scores agree. */
export interface CorpusStats {
  documentCount: number;
  /** Mean indexed terms of a field over every live paper (papers without the field count as 0). */
  averageFieldLength(field: SearchField): number;
}

/** Everything a query runs over. */
export interface DocSpace {
  readonly sources: readonly SearchSource[];
  readonly stats: CorpusStats;
  /** Every doc number is below this. */
  readonly docLimit: number;
  idOf(doc: number): string;
}
