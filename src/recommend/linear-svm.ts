/**
 * A linear SVM (L2-regularised, hinge loss) trained by dual coordinate descent (Hsieh et al., "A Dual
 * Coordinate Descent Method for Large-scale Linear SVM", ICML 2008 — the solver of LIBLINEAR).
 * Each step optimises one paper's dual variable α_i in [0, C_i] in closed form and keeps
 * w = Σ α_i y_i x_i up to date, so one pass over 50,000 sparse rows costs a few tens of ms.
 *
 * - Class imbalance: C_i = C · n / (2 · n_class(i)), so a handful of positives weighs as much as
 *   tens of thousands of negatives (scikit-learn's class_weight="balanced").
 * - Bias: a constant feature of value 1 in the last weight.
 * - Warm start: α of the previous model (by paper id) is the starting point, so after one star only
 *   the few papers whose constraint changed move, and a few passes converge.
 */
import { addRow, dot, type FeatureMatrix } from './feature-matrix.ts';
import { FEATURE_SPACE } from './features.ts';

export const BIAS = FEATURE_SPACE;

/**
 * Strong regularisation, as arxiv-sanity-lite uses: with a handful of positives against thousands
 * of unlabelled papers (some of which the user would like), a tight fit memorises the positives'
 * incidental words; measured on the topic corpus (test/bench/recommend-bench.ts), 0.05 ranks best.
 */
export const DEFAULT_C = 0.05;

export interface SvmOptions {
  /** Regularisation: larger fits the training papers more closely. */
  c?: number;
  /** Stop when the projected gradients' spread is below this (LIBLINEAR's default is 0.1). */
  tolerance?: number;
  maxPasses?: number;
  /** Starting α per paper id (from the previous model); others start at 0. */
  warm?: ReadonlyMap<string, number>;
}

export interface SvmModel {
  weights: Float64Array;
  /** Non-zero α per paper id: the support vectors, which are what a warm start needs. */
  alphas: Map<string, number>;
  passes: number;
}

/** A small deterministic generator: the same data gives the same model. */
function shuffler(seed: number) {
  let state = seed >>> 0 || 1;
  return (order: Uint32Array) => {
    for (let i = order.length - 1; i > 0; i--) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const j = (state >>> 0) % (i + 1);
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
  };
}

/** Weights from α (used to rebuild a stored model over the current features without training). */
export function weightsFromAlphas(matrix: FeatureMatrix, labels: Int8Array, alphas: ReadonlyMap<string, number>): Float64Array {
  const weights = new Float64Array(FEATURE_SPACE + 1);
  for (const [id, alpha] of alphas) {
    const r = matrix.row.get(id);
    const y = r === undefined ? 0 : (labels[r] ?? 0);
    if (r === undefined || y === 0) continue;
    addRow(matrix, r, weights, alpha * y);
    weights[BIAS] = (weights[BIAS] ?? 0) + alpha * y;
  }
  return weights;
}

/** `labels[r]`: +1 positive, -1 negative, 0 left out of training. */
export function trainSvm(matrix: FeatureMatrix, labels: Int8Array, options: SvmOptions = {}): SvmModel {
  const c = options.c ?? DEFAULT_C;
  const tolerance = options.tolerance ?? 0.1;
  const maxPasses = options.maxPasses ?? 60;
  const rows: number[] = [];
  let positives = 0;
  for (let r = 0; r < labels.length; r++) {
    if (labels[r] === 0) continue;
    rows.push(r);
    if (labels[r] === 1) positives++;
  }
  const negatives = rows.length - positives;
  const upper = {
    pos: positives > 0 ? (c * rows.length) / (2 * positives) : 0,
    neg: negatives > 0 ? (c * rows.length) / (2 * negatives) : 0,
  };
  const alpha = new Float64Array(rows.length);
  const warm = options.warm;
  if (warm) {
    rows.forEach((r, i) => {
      const start = warm.get(matrix.ids[r] ?? '');
      if (start !== undefined && start > 0) alpha[i] = Math.min(start, labels[r] === 1 ? upper.pos : upper.neg);
    });
  }
  const weights = new Float64Array(FEATURE_SPACE + 1);
  rows.forEach((r, i) => {
    const a = alpha[i] ?? 0;
    if (a === 0) return;
    const y = labels[r] ?? 0;
    addRow(matrix, r, weights, a * y);
    weights[BIAS] = (weights[BIAS] ?? 0) + a * y;
  });
  // x·x is 1 for a non-empty l2-normalised row, 0 for an empty one; plus 1 for the bias feature.
  const qii = (r: number) => ((matrix.starts[r + 1] ?? 0) > (matrix.starts[r] ?? 0) ? 2 : 1);

  const order = Uint32Array.from(rows.keys());
  const shuffle = shuffler(0x9e3779b9 ^ rows.length);
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    shuffle(order);
    let maxGradient = -Infinity;
    let minGradient = Infinity;
    for (const i of order) {
      const r = rows[i] ?? 0;
      const y = labels[r] ?? 0;
      const bound = y === 1 ? upper.pos : upper.neg;
      const a = alpha[i] ?? 0;
      const gradient = y * (dot(matrix, r, weights) + (weights[BIAS] ?? 0)) - 1;
      let projected = gradient;
      if (a === 0) projected = Math.min(gradient, 0);
      else if (a >= bound) projected = Math.max(gradient, 0);
      maxGradient = Math.max(maxGradient, projected);
      minGradient = Math.min(minGradient, projected);
      if (projected === 0) continue;
      const next = Math.min(Math.max(a - gradient / qii(r), 0), bound);
      const change = (next - a) * y;
      if (change === 0) continue;
      alpha[i] = next;
      addRow(matrix, r, weights, change);
      weights[BIAS] = (weights[BIAS] ?? 0) + change;
    }
    if (maxGradient - minGradient < tolerance) break;
  }
  const alphas = new Map<string, number>();
  rows.forEach((r, i) => {
    const a = alpha[i] ?? 0;
    if (a > 0) alphas.set(matrix.ids[r] ?? '', a);
  });
  return { weights, alphas, passes };
}
