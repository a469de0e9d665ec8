/**
 * Evaluates parsed clauses over several Lunr indexes (the paper segments and the annotation index)
 * as if they were one index over the live papers:
 * - a clause matches a paper when any of its expanded terms is in any of its fields, in any index;
 *   required clauses are intersected, prohibited ones subtracted (Lunr's own semantics);
 * - scores are Lunr 2.3.9's, recomputed with global statistics: BM25 term weights (k1 1.2, b 0.75,
 *   rounded to 3 decimals as Lunr's builder does) from the live document count, global document
 *   frequencies and global average field lengths; per field, the dot product with the query vector
 *   divided by its magnitude; summed over fields. The result equals one stock Lunr index over the
 *   same papers, whichever batches they arrived in.
 */
import { QueryError } from '../model/errors.ts';
import type { SearchField } from './fields.ts';
import { docMetadata, fieldPosting, tokenSetFromFuzzyString, tokenSetFromString, type TokenSet } from './lunr-internals.ts';
import type { QueryClause, TermSpec } from './query-parser.ts';
import type { TermStatistics } from './similar.ts';
import type { CorpusStats, SearchSource } from './search-source.ts';

const K1 = 1.2;
const B = 0.75;
/** More index terms than this for one word cannot be what the user meant, and would be slow. */
export const MAX_EXPANSIONS = 1000;

export interface Ranked {
  id: string;
  score: number;
}

export interface Evaluation {
  /** Every matching paper, best first (ties by id, for stable pages). */
  ranked: Ranked[];
  /** Per field, the index terms that scored: what matches are reported for. */
  scoringTerms: Map<SearchField, Set<string>>;
}

/** Lunr's idf: `documentsWithTerm` counts a paper once per field the term occurs in. */
function idf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

class Evaluator {
  private readonly frequencies = new Map<string, number>();

  constructor(
    private readonly sources: readonly SearchSource[],
    private readonly stats: CorpusStats,
  ) {}

  /** Live papers containing the term, counted once per field (lunr.idf's count). */
  documentFrequency(term: string): number {
    let count = this.frequencies.get(term);
    if (count !== undefined) return count;
    count = 0;
    for (const source of this.sources) {
      const posting = source.invertedIndex[term];
      if (posting === undefined) continue;
      for (const field of source.fields) {
        for (const ref of Object.keys(fieldPosting(posting, field) ?? {})) if (source.idOf(ref) !== undefined) count++;
      }
    }
    this.frequencies.set(term, count);
    return count;
  }

  private intersectAll(pattern: TokenSet): Set<string> {
    const terms = new Set<string>();
    for (const source of this.sources) for (const term of source.tokenSet.intersect(pattern).toArray()) terms.add(term);
    return terms;
  }

  /** Index terms a query term stands for, across every index; only terms some live paper has. */
  expand(spec: TermSpec, word: string): string[] {
    let terms: Set<string>;
    if (spec.kind === 'exact') {
      terms = new Set(this.sources.some((source) => source.invertedIndex[spec.text] !== undefined) ? [spec.text] : []);
    } else if (spec.kind === 'fuzzy') {
      terms = this.intersectAll(tokenSetFromFuzzyString(spec.text, spec.editDistance));
    } else {
      terms = this.intersectAll(tokenSetFromString(spec.text));
      if (terms.size === 0 && spec.stemmedPattern !== null) terms = this.intersectAll(tokenSetFromString(spec.stemmedPattern));
    }
    const live = [...terms].filter((term) => this.documentFrequency(term) > 0);
    if (live.length > MAX_EXPANSIONS) {
      throw new QueryError(`"${word}" matches ${live.length} different words; make it more specific (at most ${MAX_EXPANSIONS})`);
    }
    return live.sort();
  }

  matchingIds(terms: readonly string[], fields: readonly SearchField[]): Set<string> {
    const ids = new Set<string>();
    for (const source of this.sources) {
      const scoped = fields.filter((field) => source.fields.includes(field));
      for (const term of terms) {
        const posting = source.invertedIndex[term];
        if (posting === undefined) continue;
        for (const field of scoped) {
          for (const ref of Object.keys(fieldPosting(posting, field) ?? {})) {
            const id = source.idOf(ref);
            if (id !== undefined) ids.add(id);
          }
        }
      }
    }
    return ids;
  }

  /** Adds each candidate's share of Lunr's score for one (term, field) of the query vector. */
  scoreTerm(term: string, field: SearchField, queryWeight: number, candidates: ReadonlySet<string>, scores: Map<string, number>): void {
    const weightOfTerm = idf(this.documentFrequency(term), this.stats.documentCount);
    const average = this.stats.averageFieldLength(field);
    for (const source of this.sources) {
      if (!source.fields.includes(field)) continue;
      const posting = fieldPosting(source.invertedIndex[term], field);
      if (posting === undefined) continue;
      for (const ref of Object.keys(posting)) {
        const id = source.idOf(ref);
        if (id === undefined || !candidates.has(id)) continue;
        const positions = docMetadata(posting, ref)?.position;
        const tf = Array.isArray(positions) ? positions.length : 1;
        const length = source.fieldLength(field, ref);
        const norm = average > 0 ? length / average : 0;
        const bm25 = (weightOfTerm * ((K1 + 1) * tf)) / (K1 * (1 - B + B * norm) + tf);
        const rounded = Math.round(bm25 * 1000) / 1000;
        scores.set(id, (scores.get(id) ?? 0) + queryWeight * rounded);
      }
    }
  }
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return new Set([...small].filter((id) => large.has(id)));
}

export function evaluate(
  clauses: readonly QueryClause[],
  sources: readonly SearchSource[],
  stats: CorpusStats,
  filter?: (id: string) => boolean,
): Evaluation {
  const evaluator = new Evaluator(sources, stats);
  let required: Set<string> | null = null;
  const optional = new Set<string>();
  const prohibited = new Set<string>();
  /** Lunr's per-field query vectors: term -> summed clause boosts. */
  const queryVectors = new Map<SearchField, Map<string, number>>();
  for (const clause of clauses) {
    const terms = [...new Set(clause.terms.flatMap((spec) => evaluator.expand(spec, clause.word)))];
    const ids = evaluator.matchingIds(terms, clause.fields);
    if (clause.presence === 'prohibited') {
      for (const id of ids) prohibited.add(id);
      continue;
    }
    if (clause.presence === 'required') required = required === null ? ids : intersect(required, ids);
    else for (const id of ids) optional.add(id);
    for (const field of clause.fields) {
      const vector = queryVectors.get(field) ?? new Map<string, number>();
      for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + clause.boost);
      queryVectors.set(field, vector);
    }
  }
  // With a required clause, optional ones only add to the score, as in Lunr.
  const candidates = new Set([...(required ?? optional)].filter((id) => !prohibited.has(id) && (filter?.(id) ?? true)));
  const scores = new Map<string, number>();
  const scoringTerms = new Map<SearchField, Set<string>>();
  for (const [field, vector] of queryVectors) {
    const magnitude = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));
    if (magnitude === 0) continue;
    scoringTerms.set(field, new Set(vector.keys()));
    for (const [term, boost] of vector) evaluator.scoreTerm(term, field, boost / magnitude, candidates, scores);
  }
  const ranked = [...candidates]
    .map((id) => ({ id, score: scores.get(id) ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ranked, scoringTerms };
}

/** idf and paper counts over the live library, for `similar`. */
export function termStatistics(sources: readonly SearchSource[], stats: CorpusStats): TermStatistics {
  const evaluator = new Evaluator(sources, stats);
  return {
    idf: (term) => idf(evaluator.documentFrequency(term), stats.documentCount),
    documentFrequency: (term) => evaluator.documentFrequency(term),
  };
}
