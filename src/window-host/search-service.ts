/**
 * `search` and `similarPapers` as the search worker answers them for the doors with a window: the
 * same pages Library.search and Library.similarPapers give (same hits, order, scores, matches and
 * paper views), computed from the segment indexes, the annotation index, and single papers read
 * from their segment files (IndexOnlyCorpus) — the thread serving the window only relays them.
 * Stars, tags, statuses and notes are read from the data folder, and read again when the library
 * says they changed, so filters and views match what the Library holds.
 */
import type { ChangeEvent } from '../api/contract.ts';
import type { Page, SearchResultView } from '../library/library.ts';
import { comparePapers, matchesFilter, toPaperView, type ListFilter, type SortKey } from '../library/paper-view.ts';
import type { LibrarySearchInput } from '../search/fulltext/fulltext-library.ts';
import { PapershelfError } from '../model/errors.ts';
import type { Annotation, PaperView, StoredPaper } from '../model/paper.ts';
import type { AnnotationText } from '../search/analysis/fields.ts';
import { DEFAULT_PAGE_SIZE } from '../search/corpus/corpus.ts';
import { IndexOnlyCorpus } from '../search/corpus/index-only-corpus.ts';
import type { Ranked } from '../search/query/query-eval.ts';
import { findMatches, type ScoringTerms } from '../search/query/matches.ts';
import { AnnotationStore } from '../store/annotation-store.ts';
import { FulltextIndex } from '../search/fulltext/fulltext-index.ts';
import { searchWithFulltext, type FulltextResultView } from '../search/fulltext/fulltext-merge.ts';
import { updateFulltextIndex } from '../search/fulltext/fulltext-updater.ts';
import { NoteStore } from '../store/note-store.ts';

/** A filter as it crosses to the worker (a Set does not need to: ids travel as an array). */
export type FilterInput = Omit<ListFilter, 'ids'> & { ids?: string[] | undefined };

/** `fulltext`: search inside the kept PDFs too (`fulltext:` words always do). */
export interface ServiceSearchRequest extends FilterInput, LibrarySearchInput {}

/** How much of the library an answer covers while it is still loading, newest segments first. */
export interface Partial {
  loaded: number;
  total: number;
}

export type ServicePage = Page<FulltextResultView> & { partial?: Partial };

/** How often a search inside PDFs looks whether `pdfs/` changed (a few hundred stats). */
const FULLTEXT_CHECK_MS = 2000;

function hasFilter(filter: ListFilter): boolean {
  return Boolean(filter.starred) || filter.tag !== undefined || filter.status !== undefined || filter.source !== undefined || filter.ids !== undefined;
}

export class SearchService {
  private readonly notes: NoteStore;
  private readonly noteCache: Map<string, string>;
  private readonly store: AnnotationStore;
  /** A change of papers that arrived while loading: applied once loading is done. */
  private pendingRefresh: Promise<unknown> = Promise.resolve();
  private readonly fulltext: FulltextIndex;
  /** The running full-text index update (a worker of its own), and when `pdfs/` was last looked at. */
  private fulltextUpdate: Promise<unknown> | null = null;
  private fulltextCheckedAt = -Infinity;

  private constructor(
    readonly dataDir: string,
    private readonly corpus: IndexOnlyCorpus,
  ) {
    // Damage is reported by the process that holds the library; this one only reads.
    this.notes = new NoteStore(dataDir, () => {});
    this.noteCache = this.notes.readAll();
    this.store = AnnotationStore.open(dataDir);
    this.corpus.setAnnotationTexts(this.annotationTexts());
    this.fulltext = new FulltextIndex(dataDir);
    this.catchUpFulltext();
  }

  /**
   * Starts bringing the full-text index up to date with `pdfs/` when it is behind; searches keep
   * answering from the index as last committed, and see the new PDFs once the update commits.
   */
  private catchUpFulltext(): void {
    const now = performance.now();
    if (this.fulltextUpdate || now - this.fulltextCheckedAt < FULLTEXT_CHECK_MS) return;
    this.fulltextCheckedAt = now;
    if (!this.fulltext.isStale()) return;
    const done = () => {
      this.fulltextUpdate = null;
      this.fulltextCheckedAt = -Infinity;
    };
    this.fulltextUpdate = updateFulltextIndex(this.dataDir).then(done, done);
  }

  /** Resolves once the full-text index has caught up with `pdfs/` (for tests and measurements). */
  async fulltextSettled(): Promise<void> {
    this.fulltextCheckedAt = -Infinity;
    this.catchUpFulltext();
    while (this.fulltextUpdate) {
      await this.fulltextUpdate;
      this.catchUpFulltext();
    }
  }

  /** With `progressive`, resolves once the newest segment is loaded; answers say `partial` until all are. */
  static async open(dataDir: string, progressive: boolean): Promise<SearchService> {
    return new SearchService(dataDir, await IndexOnlyCorpus.open(dataDir, progressive, { preparePhrases: true }));
  }

  /** Library.annotationTexts, from the files. */
  private annotationTexts(): Map<string, AnnotationText> {
    const texts = new Map<string, AnnotationText>();
    for (const [id, annotation] of Object.entries(this.store.all())) texts.set(id, { tags: annotation.tags, note: this.noteCache.get(id) ?? '' });
    for (const [id, note] of this.noteCache) if (!texts.has(id)) texts.set(id, { tags: [], note });
    return texts;
  }

  /**
   * Follows a change the library announced. Papers: the segments are read again (after loading,
   * when it is still going on). Annotations of named papers: those papers' entries; of unnamed
   * ones (another process changed the folder): all of them.
   */
  async changed(event: Pick<ChangeEvent, 'kind' | 'ids'>): Promise<void> {
    if (event.kind === 'fetch' || event.kind === 'follows') return;
    if (event.kind === 'pdfs') {
      // A PDF kept, removed or pruned: read its text now rather than at the next PDF search.
      this.fulltextCheckedAt = -Infinity;
      this.catchUpFulltext();
      return;
    }
    if (event.kind === 'papers' || event.ids.length === 0) {
      for (const [id] of this.noteCache) this.noteCache.delete(id);
      for (const [id, note] of this.notes.readAll()) this.noteCache.set(id, note);
      this.corpus.setAnnotationTexts(this.annotationTexts());
    } else {
      for (const id of event.ids) {
        const note = this.notes.read(id);
        if (note === null) this.noteCache.delete(id);
        else this.noteCache.set(id, note);
        const tags = this.store.get(id)?.tags ?? [];
        this.corpus.updateAnnotationText(id, tags.length === 0 && (note ?? '') === '' ? null : { tags, note: note ?? '' });
      }
    }
    if (event.kind !== 'papers') return;
    const refresh = this.corpus.whenLoaded().then(() => this.corpus.refresh());
    this.pendingRefresh = refresh.catch(() => undefined);
    // While loading, answers keep coming from the segments loaded so far.
    if (this.corpus.loadProgress === null) await refresh;
  }

  private partial(): { partial?: Partial } {
    const progress = this.corpus.loadProgress;
    return progress ? { partial: { loaded: progress.papersLoaded, total: progress.papers } } : {};
  }

  private paper(id: string): StoredPaper {
    const paper = this.corpus.paper(id);
    if (!paper) throw new PapershelfError('not-found', `no paper with id "${id}" in the library`);
    return paper;
  }

  private view(paper: StoredPaper, annotation: Annotation | undefined, hit: Ranked, scoringTerms: ScoringTerms | null): SearchResultView {
    const note = this.noteCache.get(paper.id) ?? null;
    const matches = scoringTerms ? findMatches(paper, this.corpus.annotations.text(paper.id), scoringTerms) : [];
    return { ...toPaperView(paper, annotation, note), score: hit.score, matches };
  }

  /**
   * The filter as Library.search applies it. Papers are read only for what the annotations cannot
   * decide: a star, tag or status filter rules out unannotated papers without reading them.
   */
  private filterOf(request: FilterInput, annotations: Record<string, Annotation>): (id: string) => boolean {
    const filter: ListFilter = { ...request, ids: request.ids === undefined ? undefined : new Set(request.ids) };
    const needsAnnotation = Boolean(filter.starred) || filter.tag !== undefined || filter.status !== undefined;
    return (id) => {
      const annotation = annotations[id];
      if (needsAnnotation && annotation === undefined) return false;
      if (filter.ids !== undefined && !filter.ids.has(id)) return false;
      const paper = this.corpus.paper(id);
      return paper !== undefined && matchesFilter(paper, annotation, filter);
    };
  }

  search(request: ServiceSearchRequest): ServicePage {
    const offset = request.offset ?? 0;
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const ordinary = {
      search: (from: number, count: number, only?: ReadonlySet<string>) =>
        this.ordinarySearch({ ...request, ids: only ? [...only].filter((id) => !request.ids || request.ids.includes(id)) : request.ids, offset: from, limit: count }),
      listed: (ids: ReadonlySet<string>) => this.listed(request, ids),
      count: (ids: ReadonlySet<string>) => this.count(request, ids),
    };
    if (request.fulltext !== true && !/fulltext:/i.test(request.query)) return ordinary.search(offset, limit);
    this.catchUpFulltext();
    const ranked = request.sort === undefined || request.sort === 'relevance';
    return searchWithFulltext<ServicePage>({ query: request.query, fulltext: request.fulltext, prefixLast: request.prefixLast, offset, limit, ranked }, ordinary, this.fulltext);
  }

  /** How many of these papers the library holds and the filter lets through, reading papers only when a filter needs them. */
  private count(request: ServiceSearchRequest, ids: ReadonlySet<string>): number {
    const only = [...ids].filter((id) => !request.ids || request.ids.includes(id));
    if (!hasFilter({ ...request, ids: undefined })) return only.filter((id) => this.corpus.papers.has(id)).length;
    return only.filter(this.filterOf({ ...request, ids: only }, this.store.all())).length;
  }

  /** Library.listPapers over these papers: those the filter lets through, in the request's order. */
  private listed(request: ServiceSearchRequest, ids: ReadonlySet<string>): PaperView[] {
    const only = [...ids].filter((id) => !request.ids || request.ids.includes(id));
    const annotations = this.store.all();
    const filter = this.filterOf({ ...request, ids: only }, annotations);
    const papers = only.filter(filter).map((id) => this.paper(id));
    papers.sort(comparePapers(request.sort === undefined || request.sort === 'relevance' ? 'date' : request.sort));
    return papers.map((paper) => toPaperView(paper, annotations[paper.id], this.noteCache.get(paper.id) ?? null));
  }

  private ordinarySearch(request: ServiceSearchRequest): ServicePage {
    const filtered = hasFilter({ ...request, ids: undefined }) || request.ids !== undefined;
    const annotations = filtered ? this.store.all() : null;
    const filter = annotations ? this.filterOf(request, annotations) : undefined;
    const offset = request.offset ?? 0;
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const ranked = request.sort === undefined || request.sort === 'relevance';
    const page = { filter, prefixLast: request.prefixLast };
    const partial = this.partial();
    const annotationOf = (id: string) => (annotations ? annotations[id] : this.store.get(id));
    if (ranked) {
      const found = this.corpus.search(request.query, { ...page, offset, limit });
      const results = found.page.map((hit) => this.view(this.paper(hit.id), annotationOf(hit.id), hit, found.scoringTerms));
      return { total: found.total, results, ...partial };
    }
    // Every hit is read once to sort (a cache would evict itself here), as Library.search sorts them.
    const found = this.corpus.search(request.query, { ...page, offset: 0, limit: Number.MAX_SAFE_INTEGER });
    const compare = comparePapers(request.sort as Exclude<SortKey, 'relevance'>);
    const keyed = found.page.map((hit) => ({ hit, paper: this.paper(hit.id) }));
    keyed.sort((a, b) => compare(a.paper, b.paper));
    const results = keyed.slice(offset, offset + limit).map(({ hit, paper }) => this.view(paper, annotationOf(hit.id), hit, found.scoringTerms));
    return { total: found.total, results, ...partial };
  }

  /** Library.similarPapers for a paper id the caller resolved. */
  async similar(id: string, limit: number): Promise<SearchResultView[]> {
    await this.corpus.whenLoaded();
    await this.pendingRefresh;
    const ranked = this.corpus.similar(this.paper(id), limit);
    return ranked.page.map((hit) => this.view(this.paper(hit.id), this.store.get(hit.id), hit, ranked.scoringTerms));
  }

  /** Waits for a refresh put off while loading. */
  async settled(): Promise<void> {
    await this.corpus.whenLoaded();
    await this.pendingRefresh;
  }

  /** Resolves once every segment has its phrase term numbers (for measurements and tests). */
  async phrasesPrepared(): Promise<void> {
    await this.settled();
    await this.corpus.phrasesPrepared();
  }

  close(): void {
    this.corpus.close();
  }
}
