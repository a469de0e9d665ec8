/**
 * `refresh`: every follow fetched since its last successful fetch, one after another. Progress is
 * recorded in subscriptions.json after every committed batch, so an interrupted refresh resumes
 * where it stopped and nothing is fetched twice needlessly; one follow failing does not stop the rest.
 */
import { toErrorPayload } from '../model/errors.ts';
import { ARXIV_PAGE_SIZE } from '../sources/arxiv-query.ts';
import { cancelledError } from '../sources/clock.ts';
import type { ArxivFollow, Follow, HfFollow } from '../store/subscription-schema.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import { importArxivResults } from './fetch-arxiv.ts';
import { laterOf } from './fetch-arxiv-times.ts';
import type { FetchClients } from './fetch-clients.ts';
import { followLabel, hfRefreshDays } from './fetch-follows.ts';
import { importHfDays } from './fetch-hf.ts';
import type { FetchControl } from './fetch-job.ts';
import type { BatchImporter } from './fetch-jobs.ts';
import type { AutoOutcome } from './enrich/library-enrichment.ts';

/**
 * Results a later refresh of an arXiv follow pages through at most before reaching the previous
 * newest: 100 pages, five minutes at arXiv's pace. More new results than that are left unfetched.
 */
export const ARXIV_REFRESH_LIMIT = 10_000;

export interface RefreshContext {
  library: BatchImporter;
  store: SubscriptionStore;
  clients: FetchClients;
  control: FetchControl;
  today: string;
  now: () => string;
  followsChanged: (ids: string[]) => void;
  /** After the follows: papers still without an arXiv id (an offline import's, say) resolved on arXiv. */
  resolveTitles?: () => Promise<AutoOutcome>;
  /** Last: the PDFs the follows (`pdfs`) and the keep setting ask for; given the arXiv ids each follow fetched. */
  keepPdfs?: (fetched: ReadonlyArray<{ follow: Follow; arxivIds: string[] }>) => Promise<void>;
}

/** The importer of one follow's refresh, noting the arXiv ids of the papers it imports. */
function noting(library: BatchImporter, arxivIds: string[]): BatchImporter {
  return {
    importParsed: async (parsed, source) => {
      const summary = await library.importParsed(parsed, source);
      for (const paper of parsed.papers) if (paper.arxivId) arxivIds.push(paper.arxivId);
      return summary;
    },
  };
}

function expectedBatches(follow: Follow, today: string): number {
  if (follow.kind === 'hf-daily') return hfRefreshDays(follow, today).length;
  if (follow.newest !== null) return 1;
  return Math.max(1, Math.ceil((follow.max - (follow.resume?.fetched ?? 0)) / ARXIV_PAGE_SIZE));
}

async function refreshHf(ctx: RefreshContext, follow: HfFollow): Promise<void> {
  const days = hfRefreshDays(follow, ctx.today);
  await importHfDays(ctx.library, ctx.clients.hf(), days, ctx.control, (date) => {
    // Today's listing still changes (new papers, upvotes): it is fetched again next time.
    if (date >= ctx.today) return;
    ctx.store.update<HfFollow>(follow.id, (current) => ({ ...current, lastCompleteDay: laterOf(current.lastCompleteDay, date) }));
    ctx.followsChanged([follow.id]);
  });
}

async function refreshArxiv(ctx: RefreshContext, follow: ArxivFollow): Promise<void> {
  const before = follow.resume;
  const fetchedBefore = before?.fetched ?? 0;
  const limit = follow.newest === null ? follow.max : ARXIV_REFRESH_LIMIT;
  const run = { query: follow.query, sort: 'submitted' as const, max: Math.max(0, limit - fetchedBefore), start: before?.start ?? 0, stopAt: follow.newest };
  const result = await importArxivResults(ctx.library, ctx.clients.arxiv(), run, ctx.control, (progress) => {
    const resume = { start: progress.nextStart, fetched: fetchedBefore + progress.fetched, runNewest: laterOf(before?.runNewest, progress.newest) };
    ctx.store.update<ArxivFollow>(follow.id, (current) => ({ ...current, resume }));
    ctx.followsChanged([follow.id]);
  });
  const newest = laterOf(before?.runNewest, result.newest);
  ctx.store.update<ArxivFollow>(follow.id, (current) => ({ ...current, newest: laterOf(current.newest, newest), resume: null }));
}

export async function refreshAll(ctx: RefreshContext, follows: readonly Follow[]): Promise<void> {
  for (const follow of follows) ctx.control.plan(follow.id, followLabel(follow), expectedBatches(follow, ctx.today));
  const fetched: Array<{ follow: Follow; arxivIds: string[] }> = [];
  for (const follow of follows) {
    if (ctx.control.signal.aborted) throw cancelledError();
    ctx.control.part(follow.id, followLabel(follow), expectedBatches(follow, ctx.today));
    const arxivIds: string[] = [];
    fetched.push({ follow, arxivIds });
    const own = { ...ctx, library: noting(ctx.library, arxivIds) };
    try {
      if (follow.kind === 'hf-daily') await refreshHf(own, follow);
      else await refreshArxiv(own, follow);
      ctx.store.update(follow.id, (current) => ({ ...current, lastFetchAt: ctx.now(), lastError: null }));
    } catch (error) {
      if (ctx.control.signal.aborted || toErrorPayload(error).code === 'cancelled') throw error;
      const failure = ctx.control.failed(error);
      ctx.store.update(follow.id, (current) => ({ ...current, lastError: failure.message }));
    }
    ctx.followsChanged([follow.id]);
  }
  await resolveTitles(ctx);
  if (!ctx.keepPdfs || ctx.control.signal.aborted) return;
  try {
    await ctx.keepPdfs(fetched);
  } catch (error) {
    if (ctx.control.signal.aborted || toErrorPayload(error).code === 'cancelled') throw error;
    ctx.control.warn(`PDFs could not be downloaded: ${toErrorPayload(error).message}`);
  }
}

async function resolveTitles(ctx: RefreshContext): Promise<void> {
  if (!ctx.resolveTitles || ctx.control.signal.aborted) return;
  try {
    const outcome = await ctx.resolveTitles();
    for (const warning of outcome.warnings) ctx.control.warn(warning);
    if (outcome.resolved > 0) ctx.control.note(`resolved ${outcome.resolved} of ${outcome.asked} papers without an arXiv id`);
  } catch (error) {
    if (ctx.control.signal.aborted || toErrorPayload(error).code === 'cancelled') throw error;
    ctx.control.warn(`papers without an arXiv id could not be resolved: ${toErrorPayload(error).message}`);
  }
}
