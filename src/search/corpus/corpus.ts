/**
 * The paper corpus: every paper in the library, stored as immutable segments under `papers/`, each
 * with its own compact search index, plus a small in-memory index of tags and notes. Import cost is
 * proportional to the batch (a batch is a new segment; older copies are masked in the manifest),
 * opening never rebuilds an intact index, small segments are merged in the background, and search
 * scores agree with one stock Lunr index over the same papers (see query-eval.ts).
 * See DESIGN.md, "Search: Lunr that scales".
 */
import { PapershelfError } from '../../model/errors.ts';
import type { StoredPaper } from '../../model/paper.ts';
import { locatePapers } from '../../store/paper-locator.ts';
import { emptyManifest, LEGACY_MANIFEST_VERSION, readManifest } from '../../store/segment-manifest.ts';
import { papersDir, segmentPaths } from '../../store/segment-paths.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import { deviceDir } from '../../sync/sync-layout.ts';
import { deviceLayoutOf, type DeviceLayout } from './corpus-layout.ts';
import { AnnotationIndex } from '../index/annotation-index.ts';
import { stateEntries, type LoadedCorpus } from './corpus-loader.ts';
import type { CorpusMerges } from './corpus-merges.ts';
import type { LoadProgress } from './corpus-progressive.ts';
import { rankQuery, rankSimilar } from './corpus-search.ts';
import { CorpusState } from './corpus-state.ts';
import { ensurePrivateDir } from '../../store/disk-errors.ts';
import type { AnnotationText } from '../analysis/fields.ts';
import { findMatches, type FieldMatch, type ScoringTerms } from '../query/matches.ts';
import type { Ranked } from '../query/query-eval.ts';
import type { SegmentWorker } from '../worker/segment-worker.ts';

type Storage = typeof import('./corpus-storage.ts');

export type { AnnotationText, SearchField } from '../analysis/fields.ts';
export type { FieldMatch } from '../query/matches.ts';
export type { LoadProgress } from './corpus-progressive.ts';

export interface CorpusOptions {
  /**
   * Resolve `open` as soon as the newest segment is loaded and load the rest in the background
   * (newest first); `loading` reports progress and searches say they are partial until done.
   */
  progressive?: boolean;
  /**
   * Merge small segments in the background after commits. Off by default so that a one-shot process
   * (a CLI command) ends at once; long-running doors should turn it on.
   */
  backgroundMerge?: boolean;
  /** Merge segments and index large batches in a worker thread (default true); false: on this thread. */
  worker?: boolean;
  /**
   * Read nothing until asked: `locate` finds single papers through the segments' id sidecars, and
   * anything that needs the whole corpus (`whenLoaded`, `refresh`, `commit`) loads it first. For
   * one-shot commands, which mostly touch one paper.
   */
  lazy?: boolean;
}

export interface SearchOptions {
  /** Hits per page; 50 when absent. */
  limit?: number;
  offset?: number;
  /** Papers for which this returns false are left out (and not counted in `total`). */
  filter?: (id: string) => boolean;
  /**
   * False leaves `matches` empty: for callers that take every hit to sort it another way and
   * highlight one page (then `matchesOf(id, scoringTerms)` gives a hit's matches).
   */
  withMatches?: boolean;
  /** The last word, unless followed by a space, also matches words it begins (as-you-type search). */
  prefixLast?: boolean | undefined;
}

export interface SearchHit {
  id: string;
  score: number;
  matches: FieldMatch[];
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
  /** Per field, the index terms that scored: what `matchesOf` finds positions for. */
  scoringTerms: ScoringTerms;
  /** Present while the library is still loading: the page covers only the segments loaded so far. */
  loading?: LoadProgress;
}

export const DEFAULT_PAGE_SIZE = 50;

function count(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) || value < 0 ? fallback : Math.floor(value);
}

export class Corpus {
  /** What was found damaged, moved to backups/ and repaired while opening, in words for the user. */
  readonly problems: string[] = [];
  private readonly annotations = new AnnotationIndex();
  private loaded: LoadedCorpus = { manifest: emptyManifest(), raw: null, segments: new Map() };
  private readonly state = new CorpusState();
  private progress: LoadProgress | null = null;
  private loadingDone: Promise<void> = Promise.resolve();
  /** Lazy: how to load everything, until something asks for it. */
  private pendingLoad: (() => Promise<void>) | null = null;
  /** Lazy, before the full load: papers found one by one (null: looked for, not in the library). */
  private readonly located = new Map<string, StoredPaper | null>();
  /** Lazy, before the full load: the annotation texts the index will be built from. */
  private pendingTexts: Map<string, AnnotationText> | null = null;
  /** A synced data folder (`sync/` exists): this device, whose folder alone this corpus writes. */
  private device: DeviceLayout | null = null;
  /** The lines of `problems` that describe the synced folder's state as last read (replaced on each read). */
  private notices: string[] = [];
  /** The segment reading and writing machinery, imported and started on first use (corpus-storage.ts). */
  private writers: { storage: Storage; merges: CorpusMerges; segmentWorker: SegmentWorker } | null = null;

  private constructor(
    readonly dataDir: string,
    private readonly options: CorpusOptions,
  ) {}

  private async storage(): Promise<{ storage: Storage; merges: CorpusMerges; segmentWorker: SegmentWorker }> {
    if (!this.writers) {
      const storage = await import('./corpus-storage.ts');
      if (!this.writers) {
        const segmentWorker = new storage.SegmentWorker(this.options.worker ?? true);
        const merges = new storage.CorpusMerges(this.options.backgroundMerge ?? false, segmentWorker, {
          loaded: () => this.loaded,
          state: () => this.state,
          refresh: () => this.refresh(),
          apply: (loaded) => this.apply(loaded),
          target: () => (this.loaded.union ? storage.deviceMergeTarget(this.dataDir, this.loaded.union) : storage.plainMergeTarget(this.dataDir)),
        });
        this.writers = { storage, merges, segmentWorker };
      }
    }
    return this.writers;
  }

  /**
   * Everything as on disk now, reusing the segments in memory: `papers/`, or in a synced data folder
   * the union of every device's papers (corpus-union.ts).
   */
  private async readAll(): Promise<LoadedCorpus> {
    const { storage, segmentWorker } = await this.storage();
    this.device ??= deviceLayoutOf(this.dataDir);
    if (this.device) return storage.loadUnion(this.dataDir, this.device.deviceId, this.loaded.union ? this.loaded : null, true);
    return storage.loadCorpus(this.dataDir, this.loaded.segments, this.problems, true, (dir, papers) => segmentWorker.prepare(dir, papers));
  }

  /** Corrupt segments or manifest are moved to backups/, reported in `problems`; the rest loads. */
  static async open(dataDir: string, options: CorpusOptions = {}): Promise<Corpus> {
    const corpus = new Corpus(dataDir, options);
    corpus.device = deviceLayoutOf(dataDir);
    if (options.lazy) {
      corpus.pendingLoad = async () => {
        const { merges } = await corpus.storage();
        corpus.apply(await corpus.readAll());
        corpus.located.clear();
        if (corpus.pendingTexts) corpus.annotations.setAll(corpus.pendingTexts);
        corpus.pendingTexts = null;
        merges.schedule();
      };
      return corpus;
    }
    const { storage, merges, segmentWorker } = await corpus.storage();
    // Segments indexed by an older analysis are re-indexed in the worker: the event loop stays free.
    const prepare = (dir: string, papers: StoredPaper[]) => segmentWorker.prepare(dir, papers);
    if (!options.progressive || corpus.device) {
      corpus.apply(await corpus.readAll());
    } else {
      const host = { apply: (loaded: LoadedCorpus) => corpus.apply(loaded), setProgress: (progress: LoadProgress | null) => (corpus.progress = progress) };
      const opened = await storage.openNewestFirst(dataDir, corpus.problems, true, host, prepare);
      corpus.loadingDone = opened.done;
    }
    // Small segments left by other processes (CLI imports) are merged too, once everything is loaded.
    // (A failed load is reported by whenLoaded to whoever waits for it.)
    corpus.loadingDone.then(
      () => merges.schedule(),
      () => undefined,
    );
    return corpus;
  }

  private apply(loaded: LoadedCorpus): void {
    // A union that lost a segment (another device merged or dropped it) may have to bring back copies it hid.
    const rebuild = loaded.union !== undefined && [...this.loaded.segments.keys()].some((name) => !loaded.segments.has(name));
    this.loaded = loaded;
    this.state.apply(stateEntries(loaded), rebuild);
    const notices = loaded.union?.notices ?? [];
    for (const line of this.notices) {
      const at = this.problems.indexOf(line);
      if (at >= 0) this.problems.splice(at, 1);
    }
    this.problems.push(...notices);
    this.notices = [...notices];
  }

  /** Null once every segment is loaded; until then, how far loading has come. */
  get loading(): LoadProgress | null {
    return this.progress;
  }

  /** Resolves when every segment is loaded (at once unless opened with `progressive` or `lazy`). */
  whenLoaded(): Promise<void> {
    const load = this.pendingLoad;
    if (load) {
      this.pendingLoad = null;
      this.loadingDone = load();
    }
    return this.loadingDone;
  }

  /** True for a lazy corpus that has not started loading: only `locate`d papers are known. */
  get deferred(): boolean {
    return this.pendingLoad !== null;
  }

  /**
   * Makes `get` answer for these ids. A lazy corpus reads only the segments' id sidecars and the
   * papers' lines, unless a sidecar is missing or damaged: then it loads in full, as it would anyway.
   */
  async locate(ids: readonly string[]): Promise<void> {
    if (!this.deferred) return;
    const wanted = ids.filter((id) => !this.located.has(id));
    if (wanted.length === 0) return;
    if (this.device) {
      const { locateInUnion } = await import('./union-locate.ts');
      const inUnion = await locateInUnion(this.dataDir, this.device.deviceId, wanted);
      if (inUnion === null || !this.deferred) return this.whenLoaded();
      for (const id of wanted) this.located.set(id, inUnion.get(id) ?? null);
      return;
    }
    const read = await readManifest(papersDir(this.dataDir));
    if (read.kind === 'missing') {
      for (const id of wanted) this.located.set(id, null);
      return;
    }
    const dir = papersDir(this.dataDir);
    const found =
      read.kind === 'ok' && read.manifest.schemaVersion !== LEGACY_MANIFEST_VERSION
        ? await locatePapers(
            read.manifest.segments.map((entry) => ({ entry, papersPath: segmentPaths(dir, entry.name).papers, idsPath: segmentPaths(dir, entry.name).ids })),
            wanted,
          )
        : null;
    if (found === null || !this.deferred) {
      await this.whenLoaded();
      return;
    }
    for (const id of wanted) this.located.set(id, found.get(id) ?? null);
  }

  /** Guards what needs every paper against a lazy corpus that was never loaded. */
  private get loadedState(): CorpusState {
    if (this.deferred) throw new PapershelfError('internal', 'the library was used before it was loaded');
    return this.state;
  }

  /** Resolves when no background merge is running or due. */
  settled(): Promise<void> {
    return this.writers?.merges.settled() ?? Promise.resolve();
  }

  /** Waits for background work and stops the merge worker. */
  async close(): Promise<void> {
    await this.loadingDone.catch(() => undefined);
    if (!this.writers) return;
    await this.writers.merges.settled();
    await this.writers.segmentWorker.close();
  }

  get size(): number {
    return this.loadedState.size;
  }

  get segmentCount(): number {
    return this.loaded.manifest.segments.length;
  }

  get(id: string): StoredPaper | undefined {
    if (this.deferred) return this.located.get(id) ?? undefined;
    return this.state.get(id);
  }

  /** Live papers, in the order their batches were committed. */
  all(): StoredPaper[] {
    return this.loadedState.all();
  }

  /**
   * Picks up changes another process committed since this corpus was opened or last refreshed;
   * segments already in memory are reused. Returns whether anything changed.
   */
  async refresh(): Promise<boolean> {
    await this.whenLoaded();
    this.device ??= deviceLayoutOf(this.dataDir);
    if (this.device) {
      const next = await this.readAll();
      if (next.raw === this.loaded.raw) return false;
      this.apply(next);
      return true;
    }
    const read = await readManifest(papersDir(this.dataDir));
    const raw = read.kind === 'missing' ? null : read.raw;
    if (raw === this.loaded.raw) return false;
    this.apply(await this.readAll());
    return true;
  }

  /**
   * Reads again what other devices' manifests list (call when the data folder watcher sees a change
   * under `sync/devices/`, or `papers/`): segments that have arrived since are loaded (off the event
   * loop, a file at a time), half-synced ones stay skipped. Returns whether the library changed, and
   * what is still waiting for the sync tool.
   */
  async reloadForeignSegments(): Promise<{ changed: boolean; waiting: string[] }> {
    const changed = await this.refresh();
    return { changed, waiting: [...this.notices] };
  }

  /** What the synced folder's last read found waiting or skipped (empty for a single-folder library). */
  get syncNotices(): readonly string[] {
    return this.notices;
  }

  /**
   * Persists one batch as new segments (papers are complete StoredPapers; a paper whose id is
   * already live replaces it; within the batch the last copy of an id wins) and drops the `remove`
   * ids (an id both upserted and removed ends up upserted). Atomic: after a crash either the old or
   * the new manifest is live. Takes the data folder's write lock and first picks up other
   * processes' commits, so none is lost.
   */
  async commit(batch: { upsert: StoredPaper[]; remove: string[] }): Promise<void> {
    const { storage, merges, segmentWorker } = await this.storage();
    const { storedPaperSchema } = storage;
    const byId = new Map<string, StoredPaper>();
    for (const [index, paper] of batch.upsert.entries()) {
      // A turn of the event loop now and then: a large import never keeps others waiting.
      if (index % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      const checked = storedPaperSchema.safeParse(paper);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new PapershelfError('internal', `paper "${paper.id}" cannot be stored: ${issue?.path.join('.')}: ${issue?.message}`);
      }
      // The parsed copy: what is kept in memory is exactly what a reload will read back.
      byId.set(checked.data.id, checked.data);
    }
    const upsert = [...byId.values()];
    if (upsert.length === 0 && batch.remove.length === 0) return;
    await this.whenLoaded();
    const device = this.loaded.union ? this.device : null;
    const lockDir = device ? deviceDir(this.dataDir, device.deviceId) : this.dataDir;
    if (device) ensurePrivateDir(this.loaded.union!.ownDir);
    const prepared = await segmentWorker.prepare(device ? this.loaded.union!.ownDir : papersDir(this.dataDir), upsert);
    const gone = new Set([...batch.remove, ...byId.keys()]);
    const removed = new Set(batch.remove.filter((id) => !byId.has(id)));
    try {
      await withWriteLock(lockDir, async () => {
        await this.refresh();
        const next = this.loaded.union
          ? await storage.writeDeviceCommit(this.dataDir, this.loaded, this.state, prepared, gone, removed)
          : await storage.writeCommit(this.dataDir, this.loaded, this.state, prepared, gone);
        if (next) this.apply(next);
      });
    } finally {
      await storage.discardPrepared(prepared);
    }
    merges.schedule();
  }

  /** Merges small or mostly-masked segments into one now (`all`: every segment). */
  async compact(options: { all?: boolean } = {}): Promise<void> {
    await this.refresh();
    await (await this.storage()).merges.compact(options.all ?? false);
  }

  /** Replaces the tags and note text of every paper (papers absent from the map have none). */
  setAnnotationTexts(texts: Map<string, AnnotationText>): void {
    if (this.deferred) this.pendingTexts = new Map(texts);
    else this.annotations.setAll(texts);
  }

  /** Records one paper's new tags/note text (updates the small annotation index in place). */
  updateAnnotationText(id: string, text: AnnotationText | null): void {
    if (!this.deferred) return this.annotations.update(id, text);
    this.pendingTexts ??= new Map();
    if (text === null) this.pendingTexts.delete(id);
    else this.pendingTexts.set(id, text);
  }

  /**
   * Runs a query typed by a user: words are ANDed; `title:`, `abstract:`, `author:`, `tag:`,
   * `note:` scope a word; `*` wildcards, `~1` fuzziness, `-word` excludes, `+word` requires.
   * Throws QueryError (with a message for the user) for a query that cannot run, including an
   * empty one. Only the requested page is ranked in full and given match positions.
   */
  search(query: string, options: SearchOptions = {}): SearchPage {
    const request = { offset: count(options.offset, 0), limit: count(options.limit, DEFAULT_PAGE_SIZE), filter: options.filter, prefixLast: options.prefixLast };
    const ranked = rankQuery(this.loadedState, this.annotations, query, request);
    const noTerms: ScoringTerms = new Map();
    const hits = ranked.page.map((hit) => this.hit(hit, options.withMatches === false ? noTerms : ranked.scoringTerms));
    const page: SearchPage = { total: ranked.total, hits, scoringTerms: ranked.scoringTerms };
    if (this.progress) page.loading = { ...this.progress };
    return page;
  }

  /** Papers sharing the most distinctive words (and tags) of paper `id`, best first, without itself. */
  similar(id: string, limit = 10): SearchHit[] {
    const paper = this.get(id);
    if (!paper) throw new PapershelfError('not-found', `no paper with id "${id}" in the library`);
    const ranked = rankSimilar(this.loadedState, this.annotations, paper, count(limit, 10));
    return ranked.page.map((hit) => this.hit(hit, ranked.scoringTerms));
  }

  /** Match positions of a paper for the scoring terms of a query (see SearchWorkerClient). */
  matchesOf(id: string, scoringTerms: ScoringTerms): FieldMatch[] {
    const paper = this.state.get(id);
    return paper ? findMatches(paper, this.annotations.text(id), scoringTerms) : [];
  }

  private hit(ranked: Ranked, scoringTerms: ScoringTerms): SearchHit {
    return { id: ranked.id, score: ranked.score, matches: this.matchesOf(ranked.id, scoringTerms) };
  }
}
