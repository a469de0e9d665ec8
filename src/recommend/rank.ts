/**
 * Scores every candidate with the model, keeps one page, and explains it: `because` is the user's
 * positive papers closest to the recommendation (cosine of tf-idf vectors, which are unit length),
 * `words` the features weighing most in its score (model weight × the paper's own value).
 */
import { dot, score, type FeatureMatrix } from './feature-matrix.ts';

export const BECAUSE_PAPERS = 3;
export const TOP_WORDS = 5;

export interface RankRequest {
  /** Rows that may be recommended. */
  candidate: (row: number) => boolean;
  /** Positive rows: what `because` may name. */
  positives: readonly number[];
  limit: number;
  offset: number;
  /** Count recommended papers (score > 0) added at or after this time (ms). */
  newSince: number;
}

export interface RankedRow {
  row: number;
  score: number;
  because: { row: number; similarity: number }[];
  /** Feature buckets, heaviest first (the caller names them from the paper's text). */
  words: number[];
}

export interface Ranking {
  results: RankedRow[];
  newSince: number;
  candidates: number;
}

/** The best `count` rows, best first; ties go to the earlier row (commit order). */
function topRows(scores: Float64Array, rows: number[], count: number): number[] {
  return rows.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b).slice(0, count);
}

export function rankRows(matrix: FeatureMatrix, weights: Float64Array, request: RankRequest): Ranking {
  const n = matrix.ids.length;
  const scores = new Float64Array(n);
  const rows: number[] = [];
  let newSince = 0;
  for (let r = 0; r < n; r++) {
    if (!request.candidate(r)) continue;
    const value = score(matrix, r, weights);
    scores[r] = value;
    rows.push(r);
    if (value > 0 && (matrix.added[r] ?? 0) >= request.newSince) newSince++;
  }
  const page = topRows(scores, rows, request.offset + request.limit).slice(request.offset);
  const scratch = new Float32Array(matrix.columns);
  const results = page.map((row) => {
    const start = matrix.starts[row] ?? 0;
    const end = matrix.starts[row + 1] ?? 0;
    for (let k = start; k < end; k++) scratch[matrix.cols[k] ?? 0] = matrix.vals[k] ?? 0;
    const because = request.positives
      .map((positive) => ({ row: positive, similarity: dot(matrix, positive, scratch) }))
      .filter((entry) => entry.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity || a.row - b.row)
      .slice(0, BECAUSE_PAPERS);
    const words: { bucket: number; weight: number }[] = [];
    for (let k = start; k < end; k++) {
      const column = matrix.cols[k] ?? 0;
      const weight = (weights[column] ?? 0) * (matrix.vals[k] ?? 0);
      if (weight > 0) words.push({ bucket: matrix.bucketOf[column] ?? 0, weight });
      scratch[column] = 0;
    }
    words.sort((a, b) => b.weight - a.weight || a.bucket - b.bucket);
    return { row, score: scores[row] ?? 0, because, words: words.slice(0, TOP_WORDS * 2).map((word) => word.bucket) };
  });
  return { results, newSince, candidates: rows.length };
}
