/**
 * A linear SVM (L2-regularised, hinge loss) trained by dual coordinate descent (Hsieh et al., "A Dual
 * Coordinate Descent Method for Large-scale Linear SVM", ICML 2008 — the solver of LIBLINEAR).
 * Each step optimises one paper's dual variable α_i in [0, C_i] in closed form and keeps
 * w = Σ α_i y_i x_i up to date, so one pass over 50,000 sparse rows costs a few tens of ms.
 *
 * - Class imbalance: C_i = C · n / (2 · n_class(i)), so a handful of positives weighs as much as
 *   tens of thousands of negatives (scikit-learn's class_weight="balanced").
 * - Bias: a constant feature of value 1, the weight after the columns'.
 * - Warm start: α of the previous model (by paper id) is the starting point, so after one star only
 *   the few papers whose constraint changed move, and a few passes converge.
 */
import { addRow, dot, emptyWeights, type FeatureMatrix } from './feature-matrix.ts';

/**
 * Strong regularisation, as arxiv-sanity-lite uses: with a handful of positives against thousands
 * of unlabelled papers (some of which the user would like), a tight fit memorises the positives'
 * incidental words; measured on the topic corpus (test/bench/recommend-bench.ts), 0.05 ranks best.
 */
export const DEFAULT_C = 0.05;

const POSITIVE_SWEEPS = 50;
export const MAX_NEGATIVES = 10_000;

/**
 * The bias is a constant feature of this value (its weight times it is kept in the last weight).
 * A constant feature of every row is one direction that all rows share, along which coordinate
 * descent moves slowly (each step halves the error); a small value keeps the bias, which only
 * sets where "recommended" starts, from costing dozens of passes.
 */
const BIAS_FEATURE = 0.1;
const BIAS_SQUARED = BIAS_FEATURE * BIAS_FEATURE;

export interface SvmOptions {
  /** Regularisation: larger fits the training papers more closely. */
  c?: number;
  /** Stop when the projected gradients' spread is below this (LIBLINEAR's default is 0.1). */
  tolerance?: number;
  maxPasses?: number;
  /** Starting α per paper id (from the previous model); others start at their bound. */
  warm?: ReadonlyMap<string, number>;
  /** Negatives trained on at most (a fixed sample beyond); default MAX_NEGATIVES. */
  maxNegatives?: number;
  /** Negative rows always trained on (the dismissed). */
  keep?: (row: number) => boolean;
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
  const weights = emptyWeights(matrix);
  const bias = matrix.columns;
  for (const [id, alpha] of alphas) {
    const r = matrix.row.get(id);
    const y = r === undefined ? 0 : (labels[r] ?? 0);
    if (r === undefined || y === 0) continue;
    addRow(matrix, r, weights, alpha * y);
    weights[bias] = (weights[bias] ?? 0) + alpha * y * BIAS_SQUARED;
  }
  return weights;
}

/** `labels[r]`: +1 positive, -1 negative, 0 left out of training. */
export function trainSvm(matrix: FeatureMatrix, labels: Int8Array, options: SvmOptions = {}): SvmModel {
  const c = options.c ?? DEFAULT_C;
  const tolerance = options.tolerance ?? 0.1;
  const maxPasses = options.maxPasses ?? 60;
  // Past MAX_NEGATIVES, a fixed sample of the negatives (plus those the user dismissed) stands for
  // all of them: at this regularisation the model mostly needs their mean, which a sample of 10,000
  // estimates well, and a pass then costs the same at 50,000 papers as at 10,000.
  let negativeCount = 0;
  for (let r = 0; r < labels.length; r++) if (labels[r] === -1) negativeCount++;
  const maxNegatives = options.maxNegatives ?? MAX_NEGATIVES;
  const sampled = (r: number) => negativeCount <= maxNegatives || options.keep?.(r) === true || ((Math.imul(r + 1, 0x9e3779b1) >>> 0) % negativeCount) < maxNegatives;
  const rows: number[] = [];
  let positives = 0;
  for (let r = 0; r < labels.length; r++) {
    if (labels[r] === 0 || (labels[r] === -1 && !sampled(r))) continue;
    rows.push(r);
    if (labels[r] === 1) positives++;
  }
  const negatives = rows.length - positives;
  const upper = {
    pos: positives > 0 ? (c * rows.length) / (2 * positives) : 0,
    neg: negatives > 0 ? (c * rows.length) / (2 * negatives) : 0,
  };
  // Every α starts at its bound (w is then the balanced difference of the class means, which strong
  // regularisation keeps close to the optimum) or, warm, where the previous model left it.
  const alpha = new Float64Array(rows.length);
  const warm = options.warm;
  rows.forEach((r, i) => {
    const bound = labels[r] === 1 ? upper.pos : upper.neg;
    alpha[i] = Math.min(warm?.get(matrix.ids[r] ?? '') ?? bound, bound);
  });
  const weights = emptyWeights(matrix);
  const bias = matrix.columns;
  rows.forEach((r, i) => {
    const a = alpha[i] ?? 0;
    if (a === 0) return;
    const y = labels[r] ?? 0;
    addRow(matrix, r, weights, a * y);
    weights[bias] = (weights[bias] ?? 0) + a * y * BIAS_SQUARED;
  });
  // x·x is 1 for a non-empty l2-normalised row, 0 for an empty one; plus the bias feature's square.
  const qii = (r: number) => ((matrix.starts[r + 1] ?? 0) > (matrix.starts[r] ?? 0) ? 1 : 0) + BIAS_SQUARED;

  // Shrinking (LIBLINEAR's solve_l2r_l1l2_svc): a variable at a bound whose gradient pushes it further
  // out leaves the active set until the active problem converges; then every variable is checked
  // again. With strong regularisation most negatives sit at their bound, so passes get short.
  const active = Uint32Array.from(rows.keys());
  let activeSize = active.length;
  const shuffle = shuffler(0x9e3779b9 ^ rows.length);
  let previousMax = Infinity;
  let previousMin = -Infinity;
  // The few positives carry large bounds (class weighting) and move most: sweeping them alone
  // between passes over everything converges in a handful of full passes instead of dozens.
  const positiveIndexes = rows.flatMap((r, i) => (labels[r] === 1 ? [i] : []));
  const settlePositives = () => {
    for (let sweep = 0; sweep < POSITIVE_SWEEPS; sweep++) {
      let moved = 0;
      for (const i of positiveIndexes) {
        const r = rows[i] ?? 0;
        const a = alpha[i] ?? 0;
        const gradient = dot(matrix, r, weights) + (weights[bias] ?? 0) - 1;
        const next = Math.min(Math.max(a - gradient / qii(r), 0), upper.pos);
        if (next === a) continue;
        moved = Math.max(moved, Math.abs(next - a));
        alpha[i] = next;
        addRow(matrix, r, weights, next - a);
        weights[bias] = (weights[bias] ?? 0) + (next - a) * BIAS_SQUARED;
      }
      if (moved < 1e-6) break;
    }
  };
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    settlePositives();
    shuffle(active.subarray(0, activeSize));
    let maxGradient = -Infinity;
    let minGradient = Infinity;
    for (let s = 0; s < activeSize; s++) {
      const i = active[s] ?? 0;
      const r = rows[i] ?? 0;
      const y = labels[r] ?? 0;
      const bound = y === 1 ? upper.pos : upper.neg;
      const a = alpha[i] ?? 0;
      const gradient = y * (dot(matrix, r, weights) + (weights[bias] ?? 0)) - 1;
      let projected = 0;
      if (a === 0) {
        if (gradient > previousMax) {
          active[s--] = active[--activeSize] ?? 0;
          active[activeSize] = i;
          continue;
        }
        if (gradient < 0) projected = gradient;
      } else if (a >= bound) {
        if (gradient < previousMin) {
          active[s--] = active[--activeSize] ?? 0;
          active[activeSize] = i;
          continue;
        }
        if (gradient > 0) projected = gradient;
      } else projected = gradient;
      maxGradient = Math.max(maxGradient, projected);
      minGradient = Math.min(minGradient, projected);
      if (Math.abs(projected) < 1e-12) continue;
      const next = Math.min(Math.max(a - gradient / qii(r), 0), bound);
      const change = (next - a) * y;
      if (change === 0) continue;
      alpha[i] = next;
      addRow(matrix, r, weights, change);
      weights[bias] = (weights[bias] ?? 0) + change * BIAS_SQUARED;
    }
    if (maxGradient - minGradient <= tolerance) {
      if (activeSize === active.length) break;
      activeSize = active.length;
      previousMax = Infinity;
      previousMin = -Infinity;
      continue;
    }
    previousMax = maxGradient <= 0 ? Infinity : maxGradient;
    previousMin = minGradient >= 0 ? -Infinity : minGradient;
  }
  const alphas = new Map<string, number>();
  rows.forEach((r, i) => {
    const a = alpha[i] ?? 0;
    if (a > 0) alphas.set(matrix.ids[r] ?? '', a);
  });
  return { weights, alphas, passes };
}
