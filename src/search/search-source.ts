/**
 * What query evaluation needs from one index — a paper segment or the annotation index — so that a
 * clause can be evaluated over all of them and scored as if they were one Lunr index.
 */
import type { SearchField } from './fields.ts';
import type { InvertedIndex, TokenSet } from './lunr-internals.ts';

export interface SearchSource {
  readonly fields: readonly SearchField[];
  readonly invertedIndex: InvertedIndex;
  readonly tokenSet: TokenSet;
  /** The paper a ref stands for, or undefined when it is no longer live (masked, removed, unknown). */
  idOf(ref: string): string | undefined;
  /** The live ref of a paper in this index, if it is here. */
  refOf(id: string): string | undefined;
  /** Indexed terms of the field in this document (BM25's length normalisation). */
  fieldLength(field: SearchField, ref: string): number;
  /** The text of a field, which match positions point into. */
  fieldText(field: SearchField, ref: string): string;
}

/** Collection statistics of the whole live library, shared by every source so scores agree. */
export interface CorpusStats {
  documentCount: number;
  /** Mean indexed terms of a field over every live paper (papers without the field count as 0). */
  averageFieldLength(field: SearchField): number;
}
