/**
 * The recommender as the worker thread runs it: features per segment (cached on disk and in memory),
 * the live papers' matrix (rebuilt when the manifest changes), one model per signal set (reused while
 * the signals stay the same, warm-started when they change), and the ranking of one page.
 */
import { deviceLayoutOf } from '../search/corpus/corpus-layout.ts';
import type { UnionSource } from '../search/corpus/corpus-union.ts';
import { unionSegments } from '../search/corpus/union-segments.ts';
import { readManifest, type SegmentEntry } from '../store/segment-manifest.ts';
import { papersDir } from '../store/segment-paths.ts';
import { buildMatrix, type FeatureMatrix } from './feature-matrix.ts';
import { trainSvm, weightsFromAlphas } from './linear-svm.ts';
import { hashKey, modelPath, readModel, writeModel, type StoredModel } from './model-store.ts';
import { rankRows } from './rank.ts';
import { dropStaleFeatures, loadSegmentFeatures, type SegmentFeatures } from './segment-features.ts';
import { syncedFeatures } from './synced-features.ts';

/** Papers added within this time of the newest paper count as "new since the refresh". */
export const NEW_WINDOW_MS = 60 * 60 * 1000;

export interface EngineRequest {
  /** Positive paper ids (the caller decides what counts, see signals.ts). */
  positives: string[];
  /** Papers never recommended: the user's own and the dismissed. */
  exclude: string[];
  /** Papers the user marked Not interested: always among the negatives trained on. */
  dismissed: string[];
  /** Identifies the signal set and the tag, so a model trained on the same set is reused. */
  signalKey: string;
  tag?: string | undefined;
  since?: string | undefined;
  limit: number;
  offset: number;
}

export interface EngineAnswer {
  results: { id: string; score: number; because: string[]; words: number[] }[];
  positives: number;
  negatives: number;
  trainedAt: string;
  newSinceRefresh: number;
  /** How many papers were ranked (every page of this answer together). */
  total: number;
  /** Where the time went, for benchmarks and logs. */
  timings: { featuresMs: number; matrixMs: number; trainMs: number; rankMs: number; segmentsBuilt: number; passes: number };
}

interface LiveModel extends StoredModel {
  weights: Float64Array;
  matrix: FeatureMatrix;
}

export class Recommender {
  private readonly segments = new Map<string, SegmentFeatures>();
  private matrix: { raw: string; matrix: FeatureMatrix } | null = null;
  private readonly models = new Map<string, LiveModel>();
  /** A synced folder's manifests as last read well (one half-copied by a sync tool falls back to it). */
  private sources: ReadonlyMap<string, UnionSource> = new Map();

  constructor(private readonly dataDir: string) {}

  /** The live papers' matrix for the manifest on disk now; segments that appeared get features. */
  private async currentMatrix(): Promise<{ matrix: FeatureMatrix; built: number }> {
    const layout = deviceLayoutOf(this.dataDir);
    if (layout) return this.syncedMatrix(layout.deviceId);
    for (let attempt = 0; ; attempt++) {
      const read = await readManifest(papersDir(this.dataDir));
      const raw = read.kind === 'missing' ? '' : read.raw;
      if (this.matrix?.raw === raw) return { matrix: this.matrix.matrix, built: 0 };
      const entries: SegmentEntry[] = read.kind === 'ok' ? read.manifest.segments : [];
      try {
        let built = 0;
        const loaded: { features: SegmentFeatures; masked: Set<string> }[] = [];
        for (const entry of entries) {
          let features = this.segments.get(entry.name);
          if (!features) {
            const result = await loadSegmentFeatures(this.dataDir, entry);
            features = result.features;
            if (result.built) built++;
            this.segments.set(entry.name, features);
          }
          loaded.push({ features, masked: new Set(entry.masked) });
        }
        const live = new Set(entries.map((entry) => entry.name));
        for (const name of this.segments.keys()) if (!live.has(name)) this.segments.delete(name);
        if (read.kind === 'ok') await dropStaleFeatures(this.dataDir, live);
        this.matrix = { raw, matrix: buildMatrix(loaded) };
        return { matrix: this.matrix.matrix, built };
      } catch (error) {
        // A background merge replaced a segment between reading the manifest and its file: read again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
      }
    }
  }

  /** The same in a synced folder: the papers the corpus's union shows, every device's and the base's. */
  private async syncedMatrix(deviceId: string): Promise<{ matrix: FeatureMatrix; built: number }> {
    for (let attempt = 0; ; attempt++) {
      const union = await unionSegments(this.dataDir, deviceId, this.sources);
      this.sources = union.sources;
      if (this.matrix?.raw === union.raw) return { matrix: this.matrix.matrix, built: 0 };
      try {
        const { loaded, live, built } = await syncedFeatures(this.dataDir, union, this.segments);
        for (const name of this.segments.keys()) if (!live.has(name)) this.segments.delete(name);
        // A manifest not read well hides segments that are still there: keep their caches.
        if (union.notices.length === 0) await dropStaleFeatures(this.dataDir, live, true);
        this.matrix = { raw: union.raw, matrix: buildMatrix(loaded) };
        return { matrix: this.matrix.matrix, built };
      } catch (error) {
        // A merge on some device replaced a segment between reading its manifest and its file: read again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
      }
    }
  }

  async recommend(request: EngineRequest): Promise<EngineAnswer> {
    const t0 = performance.now();
    const { matrix, built } = await this.currentMatrix();
    const t1 = performance.now();
    const labels = new Int8Array(matrix.ids.length).fill(-1);
    const positiveRows: number[] = [];
    for (const id of request.positives) {
      const row = matrix.row.get(id);
      if (row === undefined) continue;
      labels[row] = 1;
      positiveRows.push(row);
    }
    const key = hashKey(request.signalKey);
    const modelName = request.tag ?? '';
    const t2 = performance.now();
    const dismissed = new Set<number>();
    for (const id of request.dismissed) {
      const row = matrix.row.get(id);
      if (row !== undefined) dismissed.add(row);
    }
    const { model, passes } = await this.model(modelName, request.tag, key, matrix, labels, dismissed);
    const t3 = performance.now();
    const excluded = new Set<number>();
    for (const id of request.exclude) {
      const row = matrix.row.get(id);
      if (row !== undefined) excluded.add(row);
    }
    for (const row of positiveRows) excluded.add(row);
    const since = request.since;
    const newest = matrix.added.reduce((max, time) => Math.max(max, time), 0);
    const ranking = rankRows(matrix, model.weights, {
      candidate: (row) => !excluded.has(row) && (since === undefined || (matrix.published[row] ?? '') >= since),
      positives: positiveRows,
      limit: request.limit,
      offset: request.offset,
      newSince: newest - NEW_WINDOW_MS,
    });
    const t4 = performance.now();
    return {
      results: ranking.results.map((result) => ({
        id: matrix.ids[result.row] ?? '',
        score: result.score,
        because: result.because.map((entry) => matrix.ids[entry.row] ?? ''),
        words: result.words,
      })),
      positives: positiveRows.length,
      negatives: matrix.ids.length - positiveRows.length,
      trainedAt: model.trainedAt,
      newSinceRefresh: ranking.newSince,
      total: ranking.candidates,
      timings: { featuresMs: t1 - t0, matrixMs: t2 - t1, trainMs: t3 - t2, rankMs: t4 - t3, segmentsBuilt: built, passes },
    };
  }

  /** The model for these signals: kept, rebuilt from stored α, or trained from the previous α. */
  private async model(name: string, tag: string | undefined, key: string, matrix: FeatureMatrix, labels: Int8Array, dismissed: ReadonlySet<number>): Promise<{ model: LiveModel; passes: number }> {
    const path = modelPath(this.dataDir, tag);
    const previous: StoredModel | null = this.models.get(name) ?? (await readModel(path));
    if (previous && previous.key === key) {
      const live = this.models.get(name);
      if (live && live.key === key && live.matrix === matrix) return { model: live, passes: 0 };
      const model = { ...previous, weights: weightsFromAlphas(matrix, labels, previous.alphas), matrix };
      this.models.set(name, model);
      return { model, passes: 0 };
    }
    const trained = trainSvm(matrix, labels, { warm: previous?.alphas, keep: (row) => dismissed.has(row) });
    const model: LiveModel = { key, trainedAt: new Date().toISOString(), alphas: trained.alphas, weights: trained.weights, matrix };
    this.models.set(name, model);
    await writeModel(path, model);
    return { model, passes: trained.passes };
  }
}
