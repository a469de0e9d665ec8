/**
 * The Library service: the one object every door (CLI, IPC, HTTP) talks to. It owns the corpus of
 * papers, the annotations and the notes of one data folder, persists every change before returning,
 * and then tells subscribers what changed.
 */
import type { ChangeEvent } from '../api/contract.ts';
import type { ExportItem } from '../export/types.ts';
import type { ParsedImport } from '../importers/types.ts';
import { PapershelfError } from '../model/errors.ts';
import type { Annotation, ImportFormat, PaperView, StoredPaper } from '../model/paper.ts';
import { Corpus, type SearchHit } from '../search/corpus/corpus.ts';
import { AnnotationStore } from '../store/annotation-store.ts';
import { NoteStore } from '../store/note-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { applyBackupAnnotations, beginRestore, completePendingRestore, finishRestore } from './backup-annotations.ts';
import { PaperAliasStore } from '../store/paper-aliases.ts';
import type { PaperMoves } from './enrich/apply-moves.ts';
import type { AutoOutcome, EnrichRunOptions, LibraryEnrichment } from './enrich/library-enrichment.ts';
import { LibraryMoves } from './enrich/library-moves.ts';
import { resolvePaperId } from './enrich/resolve-id.ts';
import { withShortIdsForNew } from './enrich/short-id-migration.ts';
import { parseArxivReference, titleKey } from './identity.ts';
import { planInSlices } from './import-plan.ts';
import { comparePapers, matchesFilter, toPaperView, type ListFilter, type SortKey } from './paper-view.ts';
import { LibraryAnnotations } from './library-annotations.ts';
import { openLibraryStores } from '../sync/library-stores.ts';
import { exportFile, type LibraryExportFormat } from './export-file.ts';

export interface ImportRequest {
  text: string;
  format?: ImportFormat | 'auto' | undefined;
  asOf?: string | undefined;
}

export interface ImportSummary {
  format: ImportFormat;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  warnings: string[];
  /** What resolving the imported title-only papers on arXiv did, when the import waited for it. */
  enrichment?: AutoOutcome;
}

export interface Page<T> {
  total: number;
  results: T[];
}

export type SearchResultView = PaperView & Pick<SearchHit, 'score' | 'matches'>;

export interface PageRequest extends ListFilter {
  sort?: SortKey | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

type Listener = (event: ChangeEvent) => void;

export class Library {
  private readonly listeners = new Set<Listener>();
  private readonly titleIndex = new Map<string, string>();
  private corpusVersion = 0;
  private titleIndexReady = false;
  private aliases: PaperAliasStore | null = null;
  private enrichment: Promise<LibraryEnrichment> | null = null;
  private enrichProblems: string[] = [];
  /** Doors that stay open resolve imported papers behind the import; the CLI waits for them. */
  private longRunning = false;
  /** Lines for the user about what opening did besides reading (an interrupted restore finished). */
  private readonly openProblems: string[] = [];
  private sortCache: { size: number; version: number; orders: Map<string, StoredPaper[]> } = { size: -1, version: -1, orders: new Map() };
  readonly annotate: LibraryAnnotations;
  private readonly moves: LibraryMoves;

  private constructor(
    readonly dataDir: string,
    private readonly corpus: Corpus,
    private readonly annotations: AnnotationStore,
    private readonly notes: NoteStore,
    private readonly noteCache: Map<string, string>,
    private settingsStore: SettingsStore | null = null,
  ) {
    if (!corpus.deferred) this.rebuildTitleIndex();
    this.annotate = new LibraryAnnotations({
      dataDir,
      paper: (id) => this.requirePaper(id),
      view: (id) => this.getPaper(id),
      annotations,
      notes,
      noteCache,
      corpus,
      emit: (kind, ids) => this.emit(kind, ids),
    });
    corpus.setAnnotationTexts(this.annotationTexts());
    this.moves = new LibraryMoves({
      dataDir,
      corpus,
      annotations,
      notes,
      aliases: () => this.aliasStore(),
      refresh: async () => {
        await this.loaded();
        if (await this.corpus.refresh()) this.rebuildTitleIndex();
      },
      committed: (moves, removedTitles) => this.committed(moves, removedTitles),
      changed: (ids) => this.emit('papers', ids),
      report: (problem) => this.openProblems.push(problem),
    });
  }

  /**
   * `longRunning` is for the doors that stay open (server, Electron): small segments are merged in
   * the background. A CLI command leaves that off so it ends as soon as its work is on disk.
   */
  static async open(dataDir: string, options: { longRunning?: boolean; lazy?: boolean } = {}): Promise<Library> {
    const longRunning = options.longRunning ?? false;
    // A long-running door answers as soon as the newest segment is in and loads the rest behind it.
    // `lazy` (one-shot commands): nothing is read until an operation says what it needs (see `locate`).
    // Doors with a window read settings at once (and report a damaged file); the CLI opens them on use.
    // Their code is imported first, so that nothing waits between opening the corpus and watching it load.
    const settings = longRunning ? await import('../store/settings-store.ts') : null;
    const corpus = await Corpus.open(dataDir, { backgroundMerge: longRunning, progressive: longRunning, lazy: !longRunning && options.lazy === true });
    const { annotations, notes } = await openLibraryStores(dataDir);
    const library = new Library(
      dataDir,
      corpus,
      annotations,
      notes,
      notes.readAll(),
      settings ? new settings.SettingsStore(dataDir) : null,
    );
    library.longRunning = longRunning;
    if (corpus.loading) {
      corpus.whenLoaded().then(
        () => {
          library.rebuildTitleIndex();
          library.emit('papers', []);
        },
        () => {},
      );
    }
    return library.finishPendingRestore();
  }

  /**
   * Resolves when every paper is loaded. Operations that need the whole library (lists, search,
   * stats, imports) wait for this; with a lazy library, the first to ask loads it.
   */
  async loaded(): Promise<void> {
    await this.corpus.whenLoaded();
    if (!this.titleIndexReady) this.rebuildTitleIndex();
  }

  /**
   * Makes one paper, named any way `resolveId` accepts, available to the operations on a single
   * paper. A lazy library reads just that paper; the others have it already.
   */
  async locate(input: string): Promise<void> {
    if (!this.corpus.deferred) return;
    const trimmed = input.trim();
    const arxiv = parseArxivReference(trimmed);
    const names = arxiv && arxiv !== trimmed ? [trimmed, arxiv] : [trimmed];
    const ids = [...new Set(names.flatMap((name) => [name, this.aliasStore().resolve(name)]))];
    await this.corpus.locate(ids);
    // An unknown id may be a prefix, which only every id can tell: then (as without usable
    // sidecars, where the corpus loaded in full instead) the whole library is loaded.
    if (this.corpus.deferred && !ids.some((id) => this.corpus.get(id) !== undefined)) await this.corpus.whenLoaded();
    if (!this.corpus.deferred) await this.loaded();
  }

  /** Window state (settings.json), opened on first use: the CLI never needs it (nor its code). */
  async openSettings(): Promise<SettingsStore> {
    if (!this.settingsStore) {
      const { SettingsStore } = await import('../store/settings-store.ts');
      this.settingsStore ??= new SettingsStore(this.dataDir);
    }
    return this.settingsStore;
  }

  /** Waits for writes in progress and background merges, and stops worker threads. */
  async close(): Promise<void> {
    await this.annotate.idle();
    await this.corpus.close();
  }

  /**
   * A Library true to what another process wrote since this one opened. Segments already in memory
   * are reused (only new ones are read), so this costs the change, not the library.
   */
  async reopen(): Promise<Library> {
    await this.corpus.refresh();
    const { annotations, notes } = await openLibraryStores(this.dataDir, this.annotations);
    const library = new Library(this.dataDir, this.corpus, annotations, notes, notes.readAll(), this.settingsStore);
    library.longRunning = this.longRunning;
    // The change may be a restore whose process was killed: finish it, as opening does.
    return library.finishPendingRestore();
  }

  /**
   * A restore that a killed process left half done is finished before anything reads or writes, so
   * every door sees the old library or the whole backup (see restore-journal.ts).
   */
  private async finishPendingRestore(): Promise<Library> {
    const restored = await completePendingRestore(this.dataDir, (parsed) => this.importParsed(parsed));
    if (restored !== null) this.openProblems.push(restored);
    return this;
  }

  private rebuildTitleIndex(): void {
    this.titleIndexReady = true;
    this.corpusVersion += 1;
    this.titleIndex.clear();
    for (const paper of this.corpus.all()) this.titleIndex.set(titleKey(paper.title), paper.id);
  }

  /** Everything that was found damaged and moved aside while opening, in words for the user. */
  get problems(): string[] {
    return [
      ...this.openProblems,
      ...this.corpus.problems,
      ...this.annotations.problems,
      ...this.notes.problems,
      ...(this.aliases?.problems ?? []),
      ...this.enrichProblems,
      ...(this.settingsStore?.problems ?? []),
    ];
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(kind: ChangeEvent['kind'], ids: string[]): void {
    const event: ChangeEvent = { kind, ids, at: new Date().toISOString() };
    for (const listener of this.listeners) listener(event);
  }

  private annotationTexts() {
    const texts = new Map<string, { tags: string[]; note: string }>();
    for (const [id, annotation] of Object.entries(this.annotations.all())) {
      texts.set(id, { tags: annotation.tags, note: this.noteCache.get(id) ?? '' });
    }
    for (const [id, note] of this.noteCache) {
      if (!texts.has(id)) texts.set(id, { tags: [], note });
    }
    return texts;
  }

  /** Finds a paper by its key or any common way of writing its arXiv id; unknown ids are the user's error. */
  resolveId(input: string): string {
    return resolvePaperId(input, {
      has: (id) => this.corpus.get(id) !== undefined,
      resolveAlias: (id) => this.aliasStore().resolve(id),
      allIds: () => [...this.corpus.all().map((paper) => paper.id), ...this.aliasStore().all().keys()],
    });
  }

  /** aliases.json: the ids papers moved from, read on first use. */
  private aliasStore(): PaperAliasStore {
    this.aliases ??= PaperAliasStore.open(this.dataDir);
    return this.aliases;
  }

  private requirePaper(input: string): StoredPaper {
    const paper = this.corpus.get(this.resolveId(input));
    if (!paper) throw new PapershelfError('not-found', `no paper with id "${input}" in the library`);
    return paper;
  }

  private view(paper: StoredPaper): PaperView {
    return toPaperView(paper, this.annotations.get(paper.id), this.noteCache.get(paper.id) ?? null);
  }

  /** The paper, with every id it had before (`aliases`, when it had any). */
  getPaper(id: string): PaperView {
    const paper = this.requirePaper(id);
    const aliases = this.aliasStore().aliasesOf(paper.id);
    return aliases.length > 0 ? { ...this.view(paper), aliases } : this.view(paper);
  }

  /**
   * The whole library in one order, computed once per change of the corpus: the window asks for
   * page after page of the same order while scrolling, and re-sorting 100k papers each time is slow.
   */
  private sorted(sort: Exclude<SortKey, 'relevance'>): StoredPaper[] {
    const size = this.corpus.size;
    if (this.sortCache.size !== size || this.sortCache.version !== this.corpusVersion) {
      this.sortCache = { size, version: this.corpusVersion, orders: new Map() };
    }
    let order = this.sortCache.orders.get(sort);
    if (!order) {
      order = this.corpus.all().sort(comparePapers(sort));
      this.sortCache.orders.set(sort, order);
    }
    return order;
  }

  private filtered(filter: ListFilter, sort: Exclude<SortKey, 'relevance'> = 'date'): StoredPaper[] {
    const all = this.sorted(sort);
    if (!hasFilter(filter)) return all;
    // One snapshot for the whole pass: each AnnotationStore.get checks the file for outside changes.
    const annotations = this.annotations.all();
    return all.filter((paper) => matchesFilter(paper, annotations[paper.id], filter));
  }

  listPapers(request: PageRequest = {}): Page<PaperView> {
    const sort = request.sort === undefined || request.sort === 'relevance' ? 'date' : request.sort;
    const papers = this.filtered(request, sort);
    const offset = request.offset ?? 0;
    const page = papers.slice(offset, offset + (request.limit ?? papers.length));
    return { total: papers.length, results: page.map((paper) => this.view(paper)) };
  }

  search(query: string, request: PageRequest & { prefixLast?: boolean | undefined } = {}): Page<SearchResultView> {
    const annotations = hasFilter(request) ? this.annotations.all() : null;
    const filter = annotations
      ? (id: string) => {
          const paper = this.corpus.get(id);
          return paper !== undefined && matchesFilter(paper, annotations[id], request);
        }
      : undefined;
    const offset = request.offset ?? 0;
    const limit = request.limit ?? 50;
    const ranked = request.sort === undefined || request.sort === 'relevance';
    const prefixLast = request.prefixLast;
    // Other orders need every hit before paging; relevance lets the corpus page for us.
    if (ranked) {
      const found = this.corpus.search(query, { limit, offset, filter, prefixLast });
      return { total: found.total, results: found.hits.map((hit) => this.searchView(hit)) };
    }
    // Match positions cost a re-tokenisation per hit: find them only for the page shown.
    const found = this.corpus.search(query, { limit: Number.MAX_SAFE_INTEGER, offset: 0, filter, withMatches: false, prefixLast });
    const compare = comparePapers(request.sort as Exclude<SortKey, 'relevance'>);
    const page = [...found.hits].sort((a, b) => compare(this.corpus.get(a.id)!, this.corpus.get(b.id)!)).slice(offset, offset + limit);
    const results = page.map((hit) => this.searchView({ ...hit, matches: this.corpus.matchesOf(hit.id, found.scoringTerms) }));
    return { total: found.total, results };
  }

  private searchView(hit: SearchHit): SearchResultView {
    return { ...this.view(this.requirePaper(hit.id)), score: hit.score, matches: hit.matches };
  }

  similarPapers(id: string, limit = 10): SearchResultView[] {
    return this.corpus.similar(this.resolveId(id), limit).map((hit) => this.searchView(hit));
  }

  async importText(request: ImportRequest): Promise<ImportSummary> {
    // Importers (and their parsers) load only for an import, and run in a worker thread with a
    // time and memory budget: a hostile file can neither freeze this event loop nor exhaust its heap.
    const { parseImportInWorker } = await import('../importers/worker/parse-in-worker.ts');
    const parsed = await parseImportInWorker(request.text, {
      format: request.format ?? 'auto',
      ...(request.asOf === undefined ? {} : { asOf: request.asOf }),
    });
    const summary = await this.importParsed(parsed);
    // Only papers without an arXiv id need arXiv's help; other imports never wait for it.
    if (parsed.backup || !parsed.papers.some((paper) => paper.arxivId === null)) return summary;
    const resolving = this.enrich().then((enrichment) => enrichment.autoResolve());
    if (!this.longRunning) return { ...summary, enrichment: await resolving };
    resolving.catch((error: unknown) => this.enrichProblems.push(`resolving imported papers on arXiv failed: ${(error as Error).message}`));
    return summary;
  }

  /** Resolving title-only papers against arXiv; its code loads on first use. */
  enrich(): Promise<LibraryEnrichment> {
    this.enrichment ??= import('./enrich/library-enrichment.ts').then(({ LibraryEnrichment }) => {
      const enrichment = new LibraryEnrichment({
        dataDir: this.dataDir,
        papers: async () => {
          await this.moves.refreshed();
          return this.corpus.all();
        },
        resolveId: (input) => this.resolveId(input),
        commitMoves: (plan) => this.moves.commit(plan),
      });
      this.enrichProblems = enrichment.problems;
      return enrichment;
    });
    return this.enrichment;
  }

  /** `papershelf enrich`: resolves the papers named, or every paper that lacks an arXiv id. */
  async enrichPapers(ids?: readonly string[], options: EnrichRunOptions = {}) {
    return (await this.enrich()).resolve(ids, options);
  }

  /** After papers moved or arrived: the title index, the sort orders and (when ids moved) the notes. */
  private async committed(moves: PaperMoves, removedTitles: ReadonlyArray<readonly [string, string]>): Promise<void> {
    for (const [id, title] of removedTitles) {
      if (this.titleIndex.get(titleKey(title)) === id) this.titleIndex.delete(titleKey(title));
    }
    for (const [index, paper] of moves.upsert.entries()) {
      if (index % 250 === 249) await turn();
      this.titleIndex.set(titleKey(paper.title), paper.id);
    }
    this.corpusVersion += 1;
    if (moves.rekeys.length > 0) this.reloadNotes();
  }

  private reloadNotes(): void {
    this.noteCache.clear();
    for (const [id, note] of this.notes.readAll()) this.noteCache.set(id, note);
    this.corpus.setAnnotationTexts(this.annotationTexts());
  }

  /**
   * Merges already-parsed papers into the library (files and online fetches both end here).
   * `source` overrides the provenance recorded on new papers (default: the format's name).
   */
  async importParsed(parsed: ParsedImport, source: string = parsed.format): Promise<ImportSummary> {
    await this.loaded();
    return withWriteLock(this.dataDir, async () => {
      beginRestore(this.dataDir, parsed);
      // Another process may have imported since this library was opened: plan against its result.
      if (await this.corpus.refresh()) this.rebuildTitleIndex();
      const now = new Date().toISOString();
      const lookup = {
        get: (id: string) => this.corpus.get(id),
        idForTitleKey: (key: string) => this.titleIndex.get(key),
      };
      // A backup keeps its papers and ids exactly; other imports go through the merge rules, and
      // first move any whole-title keys to short ids.
      if (!parsed.backup) await this.moves.moveToShortIds();
      const plan = parsed.backup
        ? await planInSlices([], source, now, lookup, parsed.backup.papers)
        : await planInSlices(parsed.papers, source, now, lookup);
      // New title-only papers get short ids instead of whole-title keys.
      if (!parsed.backup) plan.upsert = withShortIdsForNew(plan.upsert, (id) => this.corpus.get(id) === undefined, this.moves.takenIds());
      // Annotations and notes move to the new key before the papers do: a crash in between leaves
      // them under the new key, where the paper arrives on the next import, rather than lost.
      await this.moves.apply(plan);
      const warnings = [...parsed.warnings, ...plan.warnings];
      if (parsed.backup) {
        warnings.push(...applyBackupAnnotations(parsed.backup.annotations, this.annotations, this.notes, (id) => this.corpus.get(id)));
        this.reloadNotes();
      }
      const changedIds = [...plan.upsert.map((p) => p.id), ...plan.remove];
      finishRestore(this.dataDir, parsed);
      if (changedIds.length > 0) this.emit('papers', changedIds);
      return {
        format: parsed.format,
        added: plan.added,
        updated: plan.updated,
        unchanged: plan.unchanged,
        skipped: parsed.skipped,
        warnings,
      };
    });
  }

  itemsForExport(filter: ListFilter): ExportItem[] {
    const papers = this.filtered(filter, 'date');
    const annotations = this.annotations.all();
    return papers.map((paper) => ({
      paper,
      annotation: annotations[paper.id] ?? null,
      note: this.noteCache.get(paper.id) ?? null,
    }));
  }

  exportPapers(format: LibraryExportFormat, filter: ListFilter, citation: { style?: string | undefined; locale?: string | undefined } = {}) {
    return exportFile(format, this.itemsForExport(filter), citation);
  }

  stats() {
    const all = this.corpus.all();
    const annotations = this.annotations.all();
    const status = { 'to-read': 0, reading: 0, read: 0, dismissed: 0 };
    let starred = 0;
    let tagged = 0;
    for (const annotation of Object.values(annotations) as Annotation[]) {
      if (annotation.starred) starred += 1;
      if (annotation.tags.length > 0) tagged += 1;
      if (annotation.status) status[annotation.status] += 1;
    }
    const sources = new Map<string, number>();
    for (const paper of all) for (const source of paper.sources) sources.set(source, (sources.get(source) ?? 0) + 1);
    return {
      papers: all.length,
      starred,
      tagged,
      notes: this.noteCache.size,
      status,
      tags: this.annotate.listTags().length,
      sources: [...sources].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
      segments: this.corpus.segmentCount,
      dataDir: this.dataDir,
      problems: this.problems,
      loading: this.corpus.loading,
    };
  }
}

/** Lets the event loop answer others between slices of a long import. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function hasFilter(filter: ListFilter): boolean {
  return Boolean(filter.starred) || filter.tag !== undefined || filter.status !== undefined || filter.source !== undefined || filter.ids !== undefined;
}
