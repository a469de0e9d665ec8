/**
 * The simple rankers the linear model is measured against (test/bench/recommend-bench.ts and the
 * tests): the centroid of the positives' tf-idf vectors, and the similarity to one positive paper
 * (what "similar papers" offers). Both score by cosine over the same features.
 */
import { addRow, emptyWeights, score, type FeatureMatrix } from './feature-matrix.ts';

export function centroidWeights(matrix: FeatureMatrix, positives: readonly number[]): Float64Array {
  const weights = emptyWeights(matrix);
  for (const row of positives) addRow(matrix, row, weights, 1 / Math.max(1, positives.length));
  return weights;
}

export function onePaperWeights(matrix: FeatureMatrix, positive: number): Float64Array {
  const weights = emptyWeights(matrix);
  addRow(matrix, positive, weights, 1);
  return weights;
}

/** Rows ranked by `weights` (best first), leaving out `skip`. */
export function rankBy(matrix: FeatureMatrix, weights: Float64Array, skip: ReadonlySet<number>, count: number): number[] {
  const rows: number[] = [];
  const scores = new Float64Array(matrix.ids.length);
  for (let r = 0; r < matrix.ids.length; r++) {
    if (skip.has(r)) continue;
    scores[r] = score(matrix, r, weights);
    rows.push(r);
  }
  return rows.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b).slice(0, count);
}

/** Share of `ranked` that `relevant` holds. */
export function precision(ranked: readonly number[], relevant: (row: number) => boolean): number {
  return ranked.length === 0 ? 0 : ranked.filter(relevant).length / ranked.length;
}
