/**
 * The corpus as a search process holds it: segment indexes, which papers are live, and the
 * annotation index — paper bodies stay on disk, and the few a query needs (phrases to confirm, a
 * DOI, the page it shows) are read from their segment's file and kept in a small cache. It only
 * reads the data folder (the process that holds the papers writes and repairs it) and follows its
 * changes through `refresh`. Its answers equal the in-process Corpus's on the same files.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { papersDir } from '../../store/segment-files.ts';
import { readManifest } from '../../store/segment-manifest.ts';
import { AnnotationIndex } from '../index/annotation-index.ts';
import { loadCorpus, stateEntries, type LoadedCorpus } from './corpus-loader.ts';
import { openNewestFirst, type LoadProgress } from './corpus-progressive.ts';
import { deviceLayoutOf, type DeviceLayout } from './corpus-layout.ts';
import { loadUnion } from './corpus-union.ts';
import { rankQuery, rankSimilar, type PageRequest, type PaperTexts, type RankedPage } from './corpus-search.ts';
import { PaperCache } from './paper-cache.ts';
import { PhraseTokenPreparer } from './segment-phrase-tokens.ts';
import { CorpusState, type LoadedSegment } from './corpus-state.ts';
import type { AnnotationText } from '../analysis/fields.ts';

export class IndexOnlyCorpus {
  readonly problems: string[] = [];
  readonly annotations = new AnnotationIndex();
  private readonly state = new CorpusState();
  private loaded: LoadedCorpus | null = null;
  private progress: LoadProgress | null = null;
  private loading: Promise<void> = Promise.resolve();
  private readonly cache = new PaperCache();
  private preparer: PhraseTokenPreparer | null = null;
  /** A synced data folder: the union of every device's papers is searched. */
  private device: DeviceLayout | null = null;
  readonly papers: PaperTexts = {
    has: (id) => this.state.has(id),
    get: (id) => this.paper(id),
    idOfDoi: (doi) => this.idOfDoi(doi),
  };

  private constructor(readonly dataDir: string) {}

  /** With `progressive`, resolves once the newest segment is loaded (see Corpus.open). */
  /**
   * `preparePhrases`: give each segment its phrase term numbers in the background (the search
   * worker), so that phrases are confirmed without reading texts.
   */
  static async open(dataDir: string, progressive = false, options: { preparePhrases?: boolean } = {}): Promise<IndexOnlyCorpus> {
    const corpus = new IndexOnlyCorpus(dataDir);
    if (options.preparePhrases) corpus.preparer = new PhraseTokenPreparer();
    corpus.device = deviceLayoutOf(dataDir);
    if (corpus.device) {
      corpus.apply(await loadUnion(dataDir, corpus.device.deviceId, null, false));
      return corpus;
    }
    if (!progressive) {
      corpus.apply(await loadCorpus(dataDir, new Map(), corpus.problems, false));
      return corpus;
    }
    const opened = await openNewestFirst(dataDir, corpus.problems, false, {
      apply: (loaded) => corpus.apply(loaded),
      setProgress: (progress) => (corpus.progress = progress),
    });
    corpus.loading = opened.done;
    return corpus;
  }

  private apply(loaded: LoadedCorpus): void {
    const before = this.loaded?.segments;
    this.loaded = loaded;
    const rebuild = loaded.union !== undefined && before !== undefined && [...before.keys()].some((name) => !loaded.segments.has(name));
    this.state.apply(stateEntries(loaded), rebuild);
    this.preparer?.add(loaded.segments.values());
    // A partial state (loading newest first) only ever adds segments; a refresh may drop some.
    if (before && loaded.raw !== null) {
      for (const [name, segment] of before) if (!loaded.segments.has(name)) segment.lines?.close();
    }
  }

  /** The loaded segments (tests look inside them). */
  segmentsForTest(): LoadedSegment[] {
    return [...(this.loaded?.segments.values() ?? [])];
  }

  /** Resolves once every loaded segment has its phrase term numbers (with `preparePhrases`). */
  async phrasesPrepared(): Promise<void> {
    await this.preparer?.idle();
  }

  /** The live paper `id`, read from its segment file (or the cache); undefined when not live. */
  paper(id: string): StoredPaper | undefined {
    const place = this.state.place(id);
    if (!place) return undefined;
    const { segment, line } = place;
    if (segment.papers) return segment.papers[line];
    const lines = segment.lines;
    return lines ? this.cache.get(segment.name, line, () => lines.read(line)) : undefined;
  }

  /** As Corpus does: the first live paper with this DOI, oldest segment first, in file order. */
  private idOfDoi(doi: string): string | undefined {
    for (const source of this.state.sources) {
      const lines = source.segment.lines;
      if (!lines) continue;
      for (const line of lines.linesWithDoi(doi)) if (source.isLive(line)) return source.index.ids[line];
    }
    return undefined;
  }

  /** Lets go of the segment files (the corpus cannot read papers afterwards). */
  close(): void {
    this.preparer?.stop();
    for (const segment of this.loaded?.segments.values() ?? []) segment.lines?.close();
    this.cache.clear();
  }

  get size(): number {
    return this.state.size;
  }

  get loadProgress(): LoadProgress | null {
    return this.progress;
  }

  whenLoaded(): Promise<void> {
    return this.loading;
  }

  /** Picks up commits and merges made since (by any process); returns whether anything changed. */
  async refresh(): Promise<boolean> {
    await this.loading;
    this.device ??= deviceLayoutOf(this.dataDir);
    if (this.device) {
      const next = await loadUnion(this.dataDir, this.device.deviceId, this.loaded?.union ? this.loaded : null, false);
      if (this.loaded && next.raw === this.loaded.raw) return false;
      this.apply(next);
      return true;
    }
    const read = await readManifest(papersDir(this.dataDir));
    const raw = read.kind === 'ok' ? read.raw : null;
    if (this.loaded && raw === this.loaded.raw) return false;
    this.apply(await loadCorpus(this.dataDir, this.loaded?.segments ?? new Map(), this.problems, false));
    return true;
  }

  setAnnotationTexts(texts: ReadonlyMap<string, AnnotationText>): void {
    this.annotations.setAll(texts);
  }

  updateAnnotationText(id: string, text: AnnotationText | null): void {
    this.annotations.update(id, text);
  }

  search(query: string, request: PageRequest): RankedPage {
    return rankQuery(this.state, this.annotations, query, request, this.papers);
  }

  similar(paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>, limit: number): RankedPage {
    return rankSimilar(this.state, this.annotations, paper, limit);
  }
}
