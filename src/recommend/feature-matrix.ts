/**
 * The live papers' tf-idf vectors in one sparse matrix (compressed rows): sublinear term frequency
 * (1 + ln tf) times smoothed idf, each row l2-normalised. Document frequencies count live papers
 * only; a feature found in a single paper says nothing about any other and is left out.
 *
 * Columns are renumbered densely, most frequent feature first: weight vectors are then as long as
 * the features in use (not the hash space), and the features most rows share sit together in
 * memory, which is what keeps a training pass over 50,000 rows in cache.
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
  /** Columns in use; a weight vector has one more entry, the bias, at index `columns`. */
  columns: number;
  /** Column → hash bucket (to name a column's words from a paper's text). */
  bucketOf: Uint32Array;
}

type Live = { features: SegmentFeatures; index: number };

function liveRows(segments: readonly { features: SegmentFeatures; masked: ReadonlySet<string> }[]): { live: Live[]; row: Map<string, number> } {
  const live: Live[] = [];
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
  return { live, row };
}

/** `segments` oldest first with the ids each masks; a later live copy of an id replaces an earlier one. */
export function buildMatrix(segments: readonly { features: SegmentFeatures; masked: ReadonlySet<string> }[]): FeatureMatrix {
  const { live, row } = liveRows(segments);
  const df = new Uint32Array(FEATURE_SPACE);
  for (const { features, index } of live) {
    const end = features.offsets[index + 1] ?? 0;
    for (let k = features.offsets[index] ?? 0; k < end; k++) {
      const bucket = features.buckets[k] ?? 0;
      df[bucket] = (df[bucket] ?? 0) + 1;
    }
  }
  const n = live.length;
  // Sorted by document frequency, highest first, through one numeric key (no comparator: fast).
  const keys: number[] = [];
  for (let bucket = 0; bucket < FEATURE_SPACE; bucket++) if ((df[bucket] ?? 0) > 1) keys.push((n - (df[bucket] ?? 0)) * FEATURE_SPACE + bucket);
  const used = Float64Array.from(keys).sort().map((key) => key % FEATURE_SPACE);
  const columnOf = new Int32Array(FEATURE_SPACE).fill(-1);
  used.forEach((bucket, column) => (columnOf[bucket] = column));
  const idf = used.map((bucket) => Math.log((1 + n) / (1 + (df[bucket] ?? 0))) + 1);
  const sublinear = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

  let entries = 0;
  for (const { features, index } of live) {
    const end = features.offsets[index + 1] ?? 0;
    for (let k = features.offsets[index] ?? 0; k < end; k++) if ((columnOf[features.buckets[k] ?? 0] ?? -1) >= 0) entries++;
  }
  const starts = new Uint32Array(n + 1);
  const cols = new Uint32Array(entries);
  const vals = new Float32Array(entries);
  let at = 0;
  live.forEach(({ features, index }, r) => {
    const begin = at;
    const end = features.offsets[index + 1] ?? 0;
    let norm = 0;
    for (let k = features.offsets[index] ?? 0; k < end; k++) {
      const column = columnOf[features.buckets[k] ?? 0] ?? -1;
      if (column < 0) continue;
      const tf = features.counts[k] ?? 1;
      const value = (tf < 256 ? (sublinear[tf] ?? 0) : 1 + Math.log(tf)) * (idf[column] ?? 0);
      cols[at] = column;
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
    columns: used.length,
    bucketOf: Uint32Array.from(used),
  };
}

/** A zeroed weight vector for `matrix` (its columns and the bias). */
export function emptyWeights(matrix: FeatureMatrix): Float64Array {
  return new Float64Array(matrix.columns + 1);
}

/** Row `r` · `weights`, bias included. */
export function score(matrix: FeatureMatrix, r: number, weights: Float64Array): number {
  return dot(matrix, r, weights) + (weights[matrix.columns] ?? 0);
}

/** Row `r` · dense `weights` (columns only). */
export function dot(matrix: FeatureMatrix, r: number, weights: Float64Array | Float32Array): number {
  const { cols, vals } = matrix;
  let sum = 0;
  const end = matrix.starts[r + 1] ?? 0;
  for (let k = matrix.starts[r] ?? 0; k < end; k++) sum += (weights[cols[k] ?? 0] ?? 0) * (vals[k] ?? 0);
  return sum;
}

/** weights += scale × row `r`. */
export function addRow(matrix: FeatureMatrix, r: number, weights: Float64Array | Float32Array, scale: number): void {
  const { cols, vals } = matrix;
  const end = matrix.starts[r + 1] ?? 0;
  for (let k = matrix.starts[r] ?? 0; k < end; k++) {
    const col = cols[k] ?? 0;
    weights[col] = (weights[col] ?? 0) + scale * (vals[k] ?? 0);
  }
}
