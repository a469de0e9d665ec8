/**
 * Resolving title-only papers for a library (`papershelf enrich`, "Resolve now", and the automatic
 * run after an import or a refresh). The arXiv title search runs with no lock held — it takes
 * seconds, at arXiv's pace — and only then, under the write lock and on the papers on disk at that
 * moment, are the answers planned and committed. One run at a time per data folder; a second waits
 * for the first, so two windows pressing "Resolve now" do not ask arXiv the same titles twice.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { HttpClient } from '../../sources/http-client.ts';
import { SourceError } from '../../sources/source-error.ts';
import { isTitleKey } from '../identity.ts';
import type { PaperMoves } from './apply-moves.ts';
import { afterRun, dueForEnrichment } from './enrich-queue.ts';
import { papersToEnrich, searchTitles } from './enrich-run.ts';
import { EnrichStateStore } from './enrich-state-store.ts';
import { planEnrichment, type EnrichReport, type EnrichmentPlan } from './plan-enrichment.ts';

/** The papers on disk, found by their id or an id they moved from. */
export interface DiskPapers {
  get(id: string): StoredPaper | undefined;
}

/** What a Library lends its enrichment (as LibraryAnnotations gets its parts). */
export interface EnrichHost {
  dataDir: string;
  /** Every paper, true to what is on disk now (other processes' imports included). */
  papers(): Promise<StoredPaper[]>;
  resolveId(input: string): string;
  /** Under the write lock, after re-reading the papers on disk: plans and commits moves. */
  commitMoves<T>(plan: (disk: DiskPapers) => { moves: PaperMoves; result: T }): Promise<T>;
}

export interface EnrichRunOptions {
  signal?: AbortSignal;
  /** The arXiv client (tests, a refresh's counting client); default: configured as for fetching. */
  client?: HttpClient;
  now?: () => Date;
}

export interface EnrichProgress {
  /** Papers being resolved. */
  papers: number;
  /** arXiv requests answered, and planned so far. */
  done: number;
  of: number;
}

export interface AutoOutcome {
  /** Papers asked about (0 when nothing was due or automatic resolving is off). */
  asked: number;
  resolved: number;
  requests: number;
  /** Papers left for the next online run because arXiv could not be reached. */
  queued: number;
  warnings: string[];
}

export interface EnrichStatus {
  auto: boolean;
  /** Papers with no arXiv id that a title search may resolve. */
  pending: number;
  /** Of those, the ones an automatic run would ask about now. */
  due: number;
  running: EnrichProgress | null;
}

type ProgressListener = (progress: EnrichProgress | null) => void;

/** Per data folder: the run in progress, and who follows it. */
class Activity {
  running: EnrichProgress | null = null;
  controller: AbortController | null = null;
  tail: Promise<unknown> = Promise.resolve();
  readonly listeners = new Set<ProgressListener>();

  set(progress: EnrichProgress | null): void {
    this.running = progress;
    for (const listener of this.listeners) listener(progress);
  }
}

const activities = new Map<string, Activity>();

function activityOf(dataDir: string): Activity {
  let activity = activities.get(dataDir);
  if (!activity) {
    activity = new Activity();
    activities.set(dataDir, activity);
  }
  return activity;
}

const EMPTY: EnrichReport = { resolved: [], unresolved: [], ambiguous: [], requests: 0, warnings: [] };

/** The plan's resolved papers keep arXiv's abstract beside the listing's when the two differ. */
function withArxivAbstracts(plan: EnrichmentPlan): StoredPaper[] {
  const abstracts = new Map(plan.resolved.filter((r) => r.arxivAbstract !== null).map((r) => [r.to, r.arxivAbstract as string]));
  return plan.upsert.map((paper) => {
    const arxivAbstract = abstracts.get(paper.id);
    return arxivAbstract === undefined ? paper : { ...paper, arxivAbstract };
  });
}

export class LibraryEnrichment {
  private readonly activity: Activity;
  private readonly state: EnrichStateStore;

  constructor(private readonly host: EnrichHost) {
    this.activity = activityOf(host.dataDir);
    this.state = new EnrichStateStore(host.dataDir);
  }

  get problems(): string[] {
    return this.state.problems;
  }

  /** Follows runs in this process: progress after each answer, then null when a run ends. */
  onProgress(listener: ProgressListener): () => void {
    this.activity.listeners.add(listener);
    return () => this.activity.listeners.delete(listener);
  }

  async status(): Promise<EnrichStatus> {
    const state = this.state.read();
    const pending = papersToEnrich(await this.host.papers());
    const due = dueForEnrichment(pending, state.attempts, Date.now());
    return { auto: state.auto, pending: pending.length, due: due.length, running: this.activity.running };
  }

  async setAuto(auto: boolean): Promise<EnrichStatus> {
    await this.state.update((state) => ({ ...state, auto }));
    return this.status();
  }

  /**
   * Resolves the papers named (any way `resolveId` accepts), or every title-only paper. A network
   * failure is the caller's error (nothing changed); `auto` runs use `autoResolve` instead.
   */
  resolve(ids: readonly string[] | undefined, options: EnrichRunOptions = {}): Promise<EnrichReport> {
    return this.serialised(async () => {
      const all = await this.host.papers();
      const warnings: string[] = [];
      let wanted: Set<string> | undefined;
      if (ids) {
        wanted = new Set(ids.map((id) => this.host.resolveId(id)));
        for (const id of wanted) if (!isTitleKey(id)) warnings.push(`${id} has its arXiv id already`);
      }
      const report = await this.run(papersToEnrich(all, wanted), options);
      return { ...report, warnings: [...warnings, ...report.warnings] };
    });
  }

  /**
   * After an import or a refresh: resolves the papers never asked about (and those arXiv did not
   * know a week ago), unless the user turned this off. Offline, nothing changes and the papers stay
   * due, so the next online run resolves them. Costs nothing when no paper is due.
   */
  autoResolve(options: EnrichRunOptions = {}): Promise<AutoOutcome> {
    return this.serialised(async () => {
      const none: AutoOutcome = { asked: 0, resolved: 0, requests: 0, queued: 0, warnings: [] };
      const state = this.state.read();
      if (!state.auto) return none;
      const now = (options.now ?? (() => new Date()))();
      const due = dueForEnrichment(papersToEnrich(await this.host.papers()), state.attempts, now.getTime());
      if (due.length === 0) return none;
      try {
        const report = await this.run(due, { ...options, auto: true });
        return { asked: due.length, resolved: report.resolved.length, requests: report.requests, queued: 0, warnings: report.warnings };
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        const why = error.code === 'offline' ? 'arXiv could not be reached' : `arXiv did not answer (${error.message})`;
        return { ...none, asked: due.length, queued: due.length, warnings: [`${why}: ${due.length} ${due.length === 1 ? 'paper' : 'papers'} will be resolved on the next online run`] };
      }
    });
  }

  /** Stops the run in progress after its current request; nothing it had not committed changes. */
  cancel(): boolean {
    const controller = this.activity.controller;
    controller?.abort();
    return controller !== null;
  }

  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const next = this.activity.tail.then(run, run);
    this.activity.tail = next.catch(() => undefined);
    return next;
  }

  private async run(papers: StoredPaper[], options: EnrichRunOptions & { auto?: boolean }): Promise<EnrichReport> {
    if (papers.length === 0) return { ...EMPTY, warnings: [] };
    // The fetch configuration (and its code) loads only when arXiv is to be asked.
    const client = options.client ?? (await import('./enrich-client.ts')).defaultArxivClient(this.host.dataDir, { auto: options.auto === true });
    const progress: EnrichProgress = { papers: papers.length, done: 0, of: 0 };
    const controller = new AbortController();
    this.activity.controller = controller;
    this.activity.set(progress);
    try {
      const answers = await searchTitles(client, papers, {
        signal: options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal,
        onProgress: (done, of) => this.activity.set({ ...progress, done, of }),
      });
      const now = (options.now ?? (() => new Date()))().toISOString();
      const plan = await this.host.commitMoves((disk) => {
        // What is on disk now: a paper resolved, merged or moved since the search is taken as it is.
        const current = papers.map((paper) => disk.get(paper.id)).filter((paper): paper is StoredPaper => paper !== undefined);
        const planned = planEnrichment({ papers: papersToEnrich(current), get: (id) => disk.get(id), now, ...answers });
        return { moves: { upsert: withArxivAbstracts(planned), remove: planned.remove, rekeys: planned.rekeys }, result: planned };
      });
      await this.state.update((state) => ({ ...state, attempts: afterRun(state.attempts, plan, now) }));
      const { resolved, unresolved, ambiguous, requests, warnings } = plan;
      return { resolved, unresolved, ambiguous, requests, warnings };
    } finally {
      this.activity.controller = null;
      this.activity.set(null);
    }
  }
}
