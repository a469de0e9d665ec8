/**
 * The corpus as a search process holds it: segment indexes, which papers are live, and the
 * annotation index — no paper bodies. It only reads the data folder (the process that holds the
 * papers writes and repairs it) and follows its changes through `refresh`.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { papersDir } from '../../store/segment-files.ts';
import { readManifest } from '../../store/segment-manifest.ts';
import { AnnotationIndex } from '../index/annotation-index.ts';
import { loadCorpus, stateEntries, type LoadedCorpus } from './corpus-loader.ts';
import { openNewestFirst, type LoadProgress } from './corpus-progressive.ts';
import { rankQuery, rankSimilar, type PageRequest, type RankedPage } from './corpus-search.ts';
import { CorpusState } from './corpus-state.ts';
import type { AnnotationText } from '../analysis/fields.ts';

export class IndexOnlyCorpus {
  readonly problems: string[] = [];
  readonly annotations = new AnnotationIndex();
  private readonly state = new CorpusState();
  private loaded: LoadedCorpus | null = null;
  private progress: LoadProgress | null = null;
  private loading: Promise<void> = Promise.resolve();

  private constructor(readonly dataDir: string) {}

  /** With `progressive`, resolves once the newest segment is loaded (see Corpus.open). */
  static async open(dataDir: string, progressive = false): Promise<IndexOnlyCorpus> {
    const corpus = new IndexOnlyCorpus(dataDir);
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
    this.loaded = loaded;
    this.state.apply(stateEntries(loaded));
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
    return rankQuery(this.state, this.annotations, query, request);
  }

  similar(paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>, limit: number): RankedPage {
    return rankSimilar(this.state, this.annotations, paper, limit);
  }
}
