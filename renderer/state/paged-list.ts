/**
 * The rows of the list, fetched a page at a time as the user scrolls (never the whole library) and
 * replaced atomically when the query, view or sort changes. Every reload carries a sequence number:
 * an answer to anything but the latest request is dropped, so a slow query can never overwrite the
 * results of the one typed after it. A failed reload (an invalid query) keeps the rows on screen.
 */
import type { ApiError, ApiResult, ListFilter, PaperView, Row, SortKey } from '../api/types.ts';

export interface ListSpec {
  query: string;
  filter: ListFilter;
  sort: SortKey;
}

export type PageFetcher = (spec: ListSpec, offset: number, limit: number) => Promise<ApiResult<{ total: number; results: Row[] }>>;

export interface ListSnapshot {
  /** Identity of the shown query/view/sort; changes when a different one is committed. */
  specKey: string | null;
  total: number;
  loaded: boolean;
  /** Why the latest reload failed; the previous rows stay meanwhile. */
  error: ApiError | null;
  row(index: number): Row | undefined;
  indexOf(id: string): number;
}

export function specKey(spec: ListSpec): string {
  const { starred, tag, status, source } = spec.filter;
  return JSON.stringify([spec.query.trim(), spec.sort, starred ?? null, tag ?? null, status ?? null, source ?? null]);
}

export class PagedList {
  private pages = new Map<number, Row[]>();
  private committed: ListSpec | null = null;
  private total = 0;
  private error: ApiError | null = null;
  /** Bumped on every commit; page answers for older data are dropped. */
  private dataVersion = 0;
  private reloadSeq = 0;
  private readonly inflight = new Map<number, Promise<void>>();
  private view = { first: 0, last: 0 };
  private readonly listeners = new Set<() => void>();
  private snapshot: ListSnapshot;

  constructor(
    private readonly fetchPage: PageFetcher,
    readonly pageSize = 100,
    /** Pages kept in memory; the farthest from view are dropped beyond this. */
    private readonly maxPages = 30,
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
    const wanted = same ? this.pagesInView() : [0];
    const answers = await Promise.all(wanted.map((page) => this.fetchPage(spec, page * this.pageSize, this.pageSize)));
    if (seq !== this.reloadSeq) return false;
    const pages = new Map<number, Row[]>();
    let total = 0;
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return this.fail(spec, answer.error);
      pages.set(wanted[i] ?? 0, answer.value.results);
      total = answer.value.total;
    }
    this.pages = pages;
    this.total = total;
    this.committed = spec;
    this.error = null;
    this.dataVersion += 1;
    this.inflight.clear();
    if (!same) this.view = { first: 0, last: 0 };
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

  /** The list reports the rows in view as it scrolls; missing pages around them are fetched. */
  show = (first: number, last: number): void => {
    this.view = { first, last: Math.max(first, last) };
    for (const page of this.pagesInView()) void this.ensurePage(page);
  };

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
        this.error = answer.error;
      } else {
        this.pages.set(page, answer.value.results);
        this.total = answer.value.total;
        this.evict();
      }
      this.publish();
    });
    this.inflight.set(page, request);
    return request;
  }

  /** The pages holding the rows in view, and those within half a page of them, fetched ahead of the scroll. */
  private pagesInView(): number[] {
    const margin = Math.floor(this.pageSize / 2);
    const first = Math.floor(Math.max(0, this.view.first - margin) / this.pageSize);
    const last = Math.floor((this.view.last + margin) / this.pageSize);
    const pages: number[] = [];
    for (let page = first; page <= last; page += 1) pages.push(page);
    return pages;
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const centre = (this.view.first + this.view.last) / 2 / this.pageSize;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(page);
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
