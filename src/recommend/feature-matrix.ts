/**
 * The live papers' tf-idf vectors in one sparse matrix (compressed rows): sublinear term frequency
 * (1 + ln tf) times smoothed idf, each row l2-normalised. Document frequencies count live papers
 * only; a feature found in a single paper says nothing about any other and is left out.
 */
import { FEATURE_SPACE } from './features.ts';
import type { SegmentFeatures } from './segment-features.ts';

export interface FeatureMatrix {
  ids: string[];
  row: Map<string, number>;
  published: (string | null)[];
  added: number[];
  upvotes: (number | null)[];
  starts: Uint32Array;
  cols: Uint32Array;
  vals: Float32Array;
}

/** `segments` oldest first with the ids each masks; a later live copy of an id replaces an earlier one. */
export function buildMatrix(segments: readonly { features: SegmentFeatures; masked: ReadonlySet<string> }[]): FeatureMatrix {
  const live: { features: SegmentFeatures; index: number }[] = [];
  const row = new Map<string, number>();
  for (const { features, masked } of segments) {
    features.ids.forEach((id, index) => {
      if (masked.has(id)) return;
      const previous = row.get(id);
      if (previous !== undefined) live[previous] = { features, index };
      else {
        row.set(id, live.length);
        live.push({ features, index });
      }
    });
  }
  const df = new Uint32Array(FEATURE_SPACE);
  let entries = 0;
  for (const { features, index } of live) {
    const start = features.offsets[index] ?? 0;
    const end = features.offsets[index + 1] ?? 0;
    for (let k = start; k < end; k++) {
      const bucket = features.buckets[k] ?? 0;
      df[bucket] = (df[bucket] ?? 0) + 1;
    }
  }
  for (const { features, index } of live) {
    const end = features.offsets[index + 1] ?? 0;
    for (let k = features.offsets[index] ?? 0; k < end; k++) if ((df[features.buckets[k] ?? 0] ?? 0) > 1) entries++;
  }
  const n = live.length;
  const idf = new Float32Array(FEATURE_SPACE);
  for (let f = 0; f < FEATURE_SPACE; f++) if ((df[f] ?? 0) > 1) idf[f] = Math.log((1 + n) / (1 + (df[f] ?? 0))) + 1;

  const starts = new Uint32Array(n + 1);
  const cols = new Uint32Array(entries);
  const vals = new Float32Array(entries);
  let at = 0;
  live.forEach(({ features, index }, r) => {
    const begin = at;
    const end = features.offsets[index + 1] ?? 0;
    let norm = 0;
    for (let k = features.offsets[index] ?? 0; k < end; k++) {
      const bucket = features.buckets[k] ?? 0;
      const weight = idf[bucket] ?? 0;
      if (weight === 0) continue;
      const value = (1 + Math.log(features.counts[k] ?? 1)) * weight;
      cols[at] = bucket;
      vals[at] = value;
      norm += value * value;
      at++;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = begin; k < at; k++) vals[k] = (vals[k] ?? 0) * scale;
    starts[r + 1] = at;
  });
  return {
    ids: live.map(({ features, index }) => features.ids[index] ?? ''),
    row,
    published: live.map(({ features, index }) => features.published[index] ?? null),
    added: live.map(({ features, index }) => features.added[index] ?? 0),
    upvotes: live.map(({ features, index }) => features.upvotes[index] ?? null),
    starts,
    cols,
    vals,
  };
}

/** Row `r` · dense `weights`. */
export function dot(matrix: FeatureMatrix, r: number, weights: Float64Array | Float32Array): number {
  let sum = 0;
  const end = matrix.starts[r + 1] ?? 0;
  for (let k = matrix.starts[r] ?? 0; k < end; k++) sum += (weights[matrix.cols[k] ?? 0] ?? 0) * (matrix.vals[k] ?? 0);
  return sum;
}

/** weights += scale × row `r`. */
export function addRow(matrix: FeatureMatrix, r: number, weights: Float64Array | Float32Array, scale: number): void {
  const end = matrix.starts[r + 1] ?? 0;
  for (let k = matrix.starts[r] ?? 0; k < end; k++) {
    const col = matrix.cols[k] ?? 0;
    weights[col] = (weights[col] ?? 0) + scale * (matrix.vals[k] ?? 0);
  }
}
