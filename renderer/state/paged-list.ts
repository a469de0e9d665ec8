/**
 * The rows of the list, fetched a page at a time as the user scrolls (never the whole library) and
 * replaced atomically when the query, view or sort changes. Every reload carries a sequence number:
 * an answer to anything but the latest request is dropped, so a slow query can never overwrite the
 * results of the one typed after it. A failed reload (an invalid query) keeps the rows on screen.
 *
 * Scrolling: the pages in view are asked for first, then pages ahead in the direction of travel and
 * one behind (page-plan.ts), with at most a few requests out at once; a page not yet asked for when
 * the list moves elsewhere (a jump, a drag across the scrollbar) is never asked for, so the page
 * where the list stops waits behind at most those few. Pages recently used stay cached up to
 * `maxPages`, the least recently used going first.
 */
import type { ApiError, ApiResult, ListFilter, PaperView, Row, SortKey } from '../api/types.ts';
import { AT_REST, planPages, TravelMeter, type PagePlan } from './page-plan.ts';

export interface ListSpec {
  query: string;
  filter: ListFilter;
  sort: SortKey;
}

/** While the core still loads older segments of the library, how many of them an answer covered. */
export interface PartialAnswer {
  loaded: number;
  total: number;
}

export type PageAnswer = ApiResult<{ total: number; results: Row[]; partial?: PartialAnswer | undefined }>;
export type PageFetcher = (spec: ListSpec, offset: number, limit: number) => Promise<PageAnswer>;

/**
 * Requests out at once at most. The server answers them in turn, so a drag across the list that
 * asked for every page it passed would make the page where it stops wait behind all of them.
 */
const MAX_REQUESTS = 3;
/** Prefetches go out only while fewer requests than this are out: a slot stays free for the view. */
const PREFETCH_REQUESTS = 2;

export interface ListSnapshot {
  /** Identity of the shown query/view/sort; changes when a different one is committed. */
  specKey: string | null;
  total: number;
  loaded: boolean;
  /** Why the latest reload failed; the previous rows stay meanwhile. */
  error: ApiError | null;
  /** Set while the latest answer covered only part of the library (older segments still loading). */
  partial: PartialAnswer | null;
  row(index: number): Row | undefined;
  indexOf(id: string): number;
}

export function specKey(spec: ListSpec): string {
  const { starred, tag, status, source } = spec.filter;
  return JSON.stringify([spec.query.trim(), spec.sort, starred ?? null, tag ?? null, status ?? null, source ?? null]);
}

/**
 * `partial` as an answer may carry it: read without trusting its shape, since older cores send none
 * and a newer one may send more.
 */
export function partialOf(value: object): PartialAnswer | null {
  const partial: unknown = 'partial' in value ? value.partial : undefined;
  if (typeof partial !== 'object' || partial === null || !('loaded' in partial) || !('total' in partial)) return null;
  const { loaded, total } = partial;
  return typeof loaded === 'number' && typeof total === 'number' && loaded < total ? { loaded, total } : null;
}

export class PagedList {
  /** Loaded pages, least recently used first (a Map keeps insertion order; a use re-inserts). */
  private pages = new Map<number, Row[]>();
  private committed: ListSpec | null = null;
  private total = 0;
  private error: ApiError | null = null;
  private partial: PartialAnswer | null = null;
  /** Bumped on every commit; page answers for older data are dropped. */
  private dataVersion = 0;
  private reloadSeq = 0;
  private readonly inflight = new Map<number, Promise<void>>();
  private view = { first: 0, last: 0 };
  private plan: PagePlan = { view: [0], prefetch: [] };
  private readonly meter = new TravelMeter();
  private readonly listeners = new Set<() => void>();
  private snapshot: ListSnapshot;

  constructor(
    private readonly fetchPage: PageFetcher,
    readonly pageSize = 100,
    /** Pages kept in memory; the least recently used are dropped beyond this. */
    private readonly maxPages = 40,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ListSnapshot => this.snapshot;

  /**
   * Shows `spec`. A new spec starts from the top; the same one (after a change) refetches the rows in
   * view. Resolves true when this reload's rows are the ones shown.
   */
  async reload(spec: ListSpec): Promise<boolean> {
    const seq = ++this.reloadSeq;
    const same = this.committed !== null && specKey(this.committed) === specKey(spec);
    // An empty list has no page in view; the first page is where papers added since would appear.
    const wanted = same && this.plan.view.length > 0 ? this.plan.view : [0];
    const answers = await Promise.all(wanted.map((page) => this.fetchPage(spec, page * this.pageSize, this.pageSize)));
    if (seq !== this.reloadSeq) return false;
    const pages = new Map<number, Row[]>();
    let total = 0;
    let partial: PartialAnswer | null = null;
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return this.fail(spec, answer.error);
      pages.set(wanted[i] ?? 0, answer.value.results);
      total = answer.value.total;
      partial = partialOf(answer.value);
    }
    this.pages = pages;
    this.total = total;
    this.partial = partial;
    this.committed = spec;
    this.error = null;
    this.dataVersion += 1;
    this.inflight.clear();
    if (!same) this.view = { first: 0, last: 0 };
    this.replan(false);
    this.publish();
    return true;
  }

  private async fail(spec: ListSpec, error: ApiError): Promise<false> {
    // With nothing on screen yet (a restored query that no longer runs), show the view unsearched
    // under the message rather than an empty list.
    if (this.committed === null && spec.query.trim() !== '' && !(await this.reload({ ...spec, query: '' }))) return false;
    this.error = error;
    this.publish();
    return false;
  }

  /** The list reports the rows in view as it scrolls; missing pages in view and ahead are fetched. */
  show = (first: number, last: number): void => {
    this.view = { first, last: Math.max(first, last) };
    this.replan(true);
  };

  /** Which pages are wanted now (`moved`: the view moved, which tells the direction of travel). */
  private replan(moved: boolean): void {
    const travel = moved ? this.meter.update(this.view.first, this.now()) : AT_REST;
    this.plan = planPages({ ...this.view, total: this.total, pageSize: this.pageSize, travel });
    for (const page of this.plan.view) this.touch(page);
    this.pump();
  }

  /**
   * Sends what the plan wants most, a few requests at a time: the pages in view, then prefetches.
   * Whatever the plan no longer wants when a slot frees (the list moved on) is never sent.
   */
  private pump(): void {
    const send = (page: number) => {
      const version = this.dataVersion;
      void this.ensurePage(page).finally(() => {
        if (version === this.dataVersion) this.pump();
      });
    };
    const missing = (page: number) => !this.pages.has(page) && !this.inflight.has(page);
    for (const page of this.plan.view.filter(missing)) {
      if (this.inflight.size >= MAX_REQUESTS) return;
      send(page);
    }
    for (const page of this.plan.prefetch.filter(missing)) {
      if (this.inflight.size >= PREFETCH_REQUESTS) return;
      send(page);
    }
  }

  private touch(page: number): void {
    const rows = this.pages.get(page);
    if (!rows) return;
    this.pages.delete(page);
    this.pages.set(page, rows);
  }

  /** A row that may not be loaded yet (keyboard moves past the fetched pages). */
  async rowAt(index: number): Promise<Row | undefined> {
    if (index < 0 || index >= this.total) return undefined;
    await this.ensurePage(Math.floor(index / this.pageSize));
    return this.snapshot.row(index);
  }

  /** Puts the core's answer for one paper into the rows showing it, keeping their search matches. */
  patch(paper: PaperView): void {
    let changed = false;
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((row) => row.id === paper.id);
      if (at < 0) continue;
      const next = [...rows];
      next[at] = { ...rows[at], ...paper };
      this.pages.set(page, next);
      changed = true;
    }
    if (changed) this.publish();
  }

  private ensurePage(page: number): Promise<void> {
    const spec = this.committed;
    if (!spec || this.pages.has(page) || page * this.pageSize >= this.total) return Promise.resolve();
    const running = this.inflight.get(page);
    if (running) return running;
    const version = this.dataVersion;
    const request = this.fetchPage(spec, page * this.pageSize, this.pageSize).then((answer) => {
      if (version !== this.dataVersion) return;
      this.inflight.delete(page);
      if (!answer.ok) {
        // A prefetch that failed is asked again once its rows come into view.
        if (!this.plan.view.includes(page)) return;
        this.error = answer.error;
      } else {
        this.pages.set(page, answer.value.results);
        this.total = answer.value.total;
        this.partial = partialOf(answer.value);
        this.evict();
      }
      this.publish();
    });
    this.inflight.set(page, request);
    return request;
  }

  /** Drops the least recently used pages beyond `maxPages`, never one the plan wants. */
  private evict(): void {
    const wanted = new Set([...this.plan.view, ...this.plan.prefetch]);
    for (const page of [...this.pages.keys()]) {
      if (this.pages.size <= this.maxPages) return;
      if (!wanted.has(page)) this.pages.delete(page);
    }
  }

  private makeSnapshot(): ListSnapshot {
    const pages = new Map(this.pages);
    const size = this.pageSize;
    let ids: Map<string, number> | null = null;
    return {
      specKey: this.committed ? specKey(this.committed) : null,
      total: this.total,
      loaded: this.committed !== null,
      error: this.error,
      partial: this.partial,
      row: (index) => pages.get(Math.floor(index / size))?.[index % size],
      indexOf: (id) => {
        if (!ids) {
          ids = new Map();
          for (const [page, rows] of pages) for (const [i, row] of rows.entries()) ids.set(row.id, page * size + i);
        }
        return ids.get(id) ?? -1;
      },
    };
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of [...this.listeners]) listener();
  }
}
