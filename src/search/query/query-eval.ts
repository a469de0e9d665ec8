/**
 * Evaluates parsed clauses over several indexes (the paper segments and the annotation index) as if
 * they were one Lunr index over the live papers:
 * - a clause matches a paper when any of its expanded terms is in any of its fields, in any index;
 *   required clauses are intersected, prohibited ones subtracted (Lunr's own semantics);
 * - scores are Lunr 2.3.9's, recomputed with global statistics: BM25 term weights (k1 1.2, b 0.75,
 *   rounded to 3 decimals as Lunr's builder does) from the live document count, global document
 *   frequencies and global average field lengths; per field, the dot product with the query vector
 *   divided by its magnitude; summed over fields. The result equals one stock Lunr index over the
 *   same papers, whichever batches they arrived in.
 * Per-paper state lives in flat arrays indexed by doc number, and only the requested page is sorted.
 */
import { QueryError } from '../../model/errors.ts';
import type { SearchField } from '../analysis/fields.ts';
import { tokenSetFromFuzzyString } from '../index/lunr-internals.ts';
import type { QueryClause, TermSpec } from './query-parser.ts';
import type { DocSpace } from './search-source.ts';
import type { TermStatistics } from './similar.ts';
import { intersectSorted, matchWildcard, wildcardMatcher } from './term-expansion.ts';
import { topHits, type Ranked } from './top-hits.ts';

const K1 = 1.2;
const B = 0.75;
/** More index terms than this for one word cannot be what the user meant, and would be slow. */
export const MAX_EXPANSIONS = 1000;

export type { Ranked } from './top-hits.ts';

export interface Evaluation {
  /** Matching papers (after the filter). */
  total: number;
  /** The requested page, best first (ties by id). */
  page: Ranked[];
  /** Per field, the index terms that scored: what matches are reported for. */
  scoringTerms: Map<SearchField, Set<string>>;
}

export interface EvaluateOptions {
  filter?: ((id: string) => boolean) | undefined;
  offset: number;
  limit: number;
}

/** Lunr's idf: `documentsWithTerm` counts a paper once per field the term occurs in. */
function idf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

export class Evaluator {
  private readonly frequencies = new Map<string, number>();
  private readonly expanded = new Map<QueryClause, string[]>();

  constructor(readonly space: DocSpace) {}

  /** The index terms a clause stands for (each of its terms expanded), computed once per clause. */
  clauseTerms(clause: QueryClause): string[] {
    let terms = this.expanded.get(clause);
    if (!terms) this.expanded.set(clause, (terms = [...new Set(clause.terms.flatMap((spec) => this.expand(spec, clause.word)))]));
    return terms;
  }

  /** Live papers containing the term, counted once per field (lunr.idf's count). */
  documentFrequency(term: string): number {
    let count = this.frequencies.get(term);
    if (count !== undefined) return count;
    count = 0;
    for (const source of this.space.sources) {
      if (!source.hasTerm(term)) continue;
      for (const field of source.fields) count += source.liveCount(term, field);
    }
    this.frequencies.set(term, count);
    return count;
  }

  private matchAll(match: (terms: readonly string[]) => string[]): Set<string> {
    const terms = new Set<string>();
    for (const source of this.space.sources) for (const term of match(source.terms)) terms.add(term);
    return terms;
  }

  private wildcard(pattern: string): Set<string> {
    const matcher = wildcardMatcher(pattern);
    return this.matchAll((terms) => matchWildcard(terms, matcher, MAX_EXPANSIONS * 4));
  }

  /** Index terms a query term stands for, across every index; only terms some live paper has. */
  expand(spec: TermSpec, word: string): string[] {
    let terms: Set<string>;
    if (spec.kind === 'exact') {
      terms = new Set(this.space.sources.some((source) => source.hasTerm(spec.text)) ? [spec.text] : []);
    } else if (spec.kind === 'fuzzy') {
      const automaton = tokenSetFromFuzzyString(spec.text, spec.editDistance);
      terms = this.matchAll((list) => intersectSorted(list, automaton, MAX_EXPANSIONS * 4));
    } else {
      terms = this.wildcard(spec.text);
      if (terms.size === 0 && spec.stemmedPattern !== null) terms = this.wildcard(spec.stemmedPattern);
    }
    const live = [...terms].filter((term) => this.documentFrequency(term) > 0);
    if (live.length > MAX_EXPANSIONS) {
      if (spec.lenient) return [];
      throw new QueryError(`"${word}" matches ${live.length} different words; make it more specific (at most ${MAX_EXPANSIONS})`);
    }
    return live.sort();
  }

  /** Calls `visit` for every live paper with one of the terms in one of the fields. */
  forEachMatch(terms: readonly string[], fields: readonly SearchField[], visit: (doc: number) => void): void {
    for (const source of this.space.sources) {
      for (const field of fields) {
        if (!source.fields.includes(field)) continue;
        for (const term of terms) source.forEachLive(term, field, visit);
      }
    }
  }

  /** Adds each candidate's share of Lunr's score for one (term, field) of the query vector. */
  scoreTerm(term: string, field: SearchField, queryWeight: number, candidate: Uint8Array, scores: Float64Array): void {
    const weightOfTerm = idf(this.documentFrequency(term), this.space.stats.documentCount);
    const average = this.space.stats.averageFieldLength(field);
    for (const source of this.space.sources) {
      if (!source.fields.includes(field)) continue;
      source.forEachLive(term, field, (doc, tf, length) => {
        if (candidate[doc] !== 1) return;
        const norm = average > 0 ? length / average : 0;
        const bm25 = (weightOfTerm * ((K1 + 1) * tf)) / (K1 * (1 - B + B * norm) + tf);
        scores[doc] = scores[doc]! + queryWeight * (Math.round(bm25 * 1000) / 1000);
      });
    }
  }
}

const MATCHED = 1;
const PROHIBITED = 2;

export function evaluate(clauses: readonly QueryClause[], space: DocSpace, options: EvaluateOptions): Evaluation {
  return evaluateWith(new Evaluator(space), clauses, options);
}

/**
 * Ranks the papers `matched` selects (a doc-sized 0/1 array) with Lunr's score for `scoring`, the
 * query's positive clauses: how OR, groups and phrases are ranked.
 */
export function rankMatched(evaluator: Evaluator, scoring: readonly QueryClause[], matched: Uint8Array, options: EvaluateOptions): Evaluation {
  const space = evaluator.space;
  const docs: number[] = [];
  const candidate = new Uint8Array(space.docLimit);
  for (let doc = 0; doc < space.docLimit; doc++) {
    if (matched[doc] !== 1) continue;
    if (options.filter && !options.filter(space.idOf(doc))) continue;
    candidate[doc] = 1;
    docs.push(doc);
  }
  return score(evaluator, queryVectorsOf(evaluator, scoring), candidate, docs, options);
}

/** Lunr's per-field query vectors: term -> summed clause boosts, over the clauses that are not excluded. */
function queryVectorsOf(evaluator: Evaluator, clauses: readonly QueryClause[]): Map<SearchField, Map<string, number>> {
  const queryVectors = new Map<SearchField, Map<string, number>>();
  for (const clause of clauses) {
    if (clause.presence === 'prohibited') continue;
    const terms = evaluator.clauseTerms(clause);
    for (const field of clause.fields) {
      const vector = queryVectors.get(field) ?? new Map<string, number>();
      for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + clause.boost);
      queryVectors.set(field, vector);
    }
  }
  return queryVectors;
}

function score(evaluator: Evaluator, queryVectors: Map<SearchField, Map<string, number>>, candidate: Uint8Array, docs: number[], options: EvaluateOptions): Evaluation {
  const space = evaluator.space;
  const scores = new Float64Array(space.docLimit);
  const scoringTerms = new Map<SearchField, Set<string>>();
  for (const [field, vector] of queryVectors) {
    const magnitude = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));
    if (magnitude === 0) continue;
    scoringTerms.set(field, new Set(vector.keys()));
    if (docs.length === 0) continue;
    for (const [term, boost] of vector) evaluator.scoreTerm(term, field, boost / magnitude, candidate, scores);
  }
  return { total: docs.length, page: topHits(docs, scores, (doc) => space.idOf(doc), options.offset, options.limit), scoringTerms };
}

function evaluateWith(evaluator: Evaluator, clauses: readonly QueryClause[], options: EvaluateOptions): Evaluation {
  const space = evaluator.space;
  const size = space.docLimit;
  /** The last clause (1-based) that matched each doc, so a clause counts a doc once. */
  const stamp = new Int32Array(size);
  const requiredHits = new Uint16Array(size);
  const flags = new Uint8Array(size);
  let required = 0;
  clauses.forEach((clause, c) => {
    const terms = evaluator.clauseTerms(clause);
    const mark = c + 1;
    if (clause.presence === 'prohibited') {
      evaluator.forEachMatch(terms, clause.fields, (doc) => (flags[doc] = flags[doc]! | PROHIBITED));
      return;
    }
    const isRequired = clause.presence === 'required';
    if (isRequired) required++;
    evaluator.forEachMatch(terms, clause.fields, (doc) => {
      if (stamp[doc] === mark) return;
      stamp[doc] = mark;
      flags[doc] = flags[doc]! | MATCHED;
      if (isRequired) requiredHits[doc] = requiredHits[doc]! + 1;
    });
  });
  // With a required clause, optional ones only add to the score, as in Lunr.
  const candidate = new Uint8Array(size);
  const docs: number[] = [];
  for (let doc = 0; doc < size; doc++) {
    const flag = flags[doc]!;
    if ((flag & PROHIBITED) !== 0) continue;
    if (required > 0 ? requiredHits[doc] !== required : (flag & MATCHED) === 0) continue;
    if (options.filter && !options.filter(space.idOf(doc))) continue;
    candidate[doc] = 1;
    docs.push(doc);
  }
  return score(evaluator, queryVectorsOf(evaluator, clauses), candidate, docs, options);
}

/** idf and paper counts over the live library, for `similar`. */
export function termStatistics(space: DocSpace): TermStatistics {
  const evaluator = new Evaluator(space);
  return {
    idf: (term) => idf(evaluator.documentFrequency(term), space.stats.documentCount),
    documentFrequency: (term) => evaluator.documentFrequency(term),
  };
}
