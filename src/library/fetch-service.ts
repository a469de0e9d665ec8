/**
 * The online-source operations of the contract: follow / unfollow / list follows, and fetch jobs
 * (a one-off fetch, a refresh of everything followed, cancel, list). Inputs are checked before a
 * job starts, so a bad date, query or base URL is the caller's error at once, not a failed job.
 */
import type { FetchJob, FollowView, OperationInput } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import { ARXIV_PAGE_SIZE } from '../sources/arxiv-query.ts';
import { selectDays } from '../sources/date-range.ts';
import { SubscriptionStore } from '../store/subscription-store.ts';
import { lockHolder, withWriteLock } from '../store/write-lock.ts';
import { arxivLabel, importArxivResults } from './fetch-arxiv.ts';
import { checkedConfig, fetchClients, todayOf } from './fetch-clients.ts';
import { checkArxivQuery, DEFAULT_FOLLOW_MAX, followView, newFollow, type FollowRequest } from './fetch-follows.ts';
import { hfLabel, importHfDays } from './fetch-hf.ts';
import type { FetchControl } from './fetch-job.ts';
import { fetchJobsFor, type FetchEnvironment } from './fetch-jobs.ts';
import { refreshAll, type RefreshContext } from './fetch-refresh.ts';
import type { Library } from './library.ts';

export function listFollows(library: Library): { follows: FollowView[]; problems: string[] } {
  const store = SubscriptionStore.open(library.dataDir);
  return { follows: store.list().map(followView), problems: store.problems };
}

export function follow(library: Library, request: FollowRequest): { follow: FollowView; added: boolean; problems: string[] } {
  const jobs = fetchJobsFor(library.dataDir);
  const now = new Date().toISOString();
  const store = SubscriptionStore.open(library.dataDir);
  const { follow: found, added } = store.add(newFollow(request, now, todayOf(jobs.environment)));
  // Following again with --pdfs changes only which PDFs the follow keeps.
  const wanted = request.pdfs;
  const stored = !added && wanted !== undefined && found.pdfs !== wanted ? (store.update(found.id, (current) => ({ ...current, pdfs: wanted })) ?? found) : found;
  if (stored !== found || added) jobs.followsChanged([stored.id]);
  return { follow: followView(stored), added, problems: store.problems };
}

/** Stops following; the papers already fetched stay in the library. */
export function unfollow(library: Library, idOrQuery: string): { follow: FollowView; problems: string[] } {
  const store = SubscriptionStore.open(library.dataDir);
  const removed = store.remove(idOrQuery);
  fetchJobsFor(library.dataDir).followsChanged([removed.id]);
  return { follow: followView(removed), problems: store.problems };
}

function prepare(library: Library): { store: SubscriptionStore; environment: FetchEnvironment } {
  const store = SubscriptionStore.open(library.dataDir);
  return { store, environment: fetchJobsFor(library.dataDir).environment };
}

function reportProblems(store: SubscriptionStore, control: FetchControl): void {
  for (const problem of store.problems) control.warn(problem);
}

export function startFetch(library: Library, input: OperationInput<'fetchSource'>): { job: FetchJob } {
  const jobs = fetchJobsFor(library.dataDir);
  const { store, environment } = prepare(library);
  const config = checkedConfig(environment, store.sources());
  if (input.source === 'hf') {
    const today = todayOf(environment);
    const { source: _source, ...dates } = input;
    const given = Object.values(dates).some((value) => value !== undefined);
    const days = selectDays(given ? dates : { date: today }, today);
    if (days.length === 0) throw new PapershelfError('bad-input', `nothing to fetch: every day asked for is after today (${today})`);
    const label = hfLabel(days);
    const job = jobs.start('hf', label, async (control) => {
      reportProblems(store, control);
      control.part('hf', label, days.length);
      await importHfDays(jobs.importer(library), fetchClients(config, environment, control).hf(), days, control);
    });
    return { job };
  }
  const query = checkArxivQuery(input.query);
  const max = input.max ?? DEFAULT_FOLLOW_MAX;
  const label = arxivLabel(query);
  const job = jobs.start('arxiv', label, async (control) => {
    reportProblems(store, control);
    control.part('arxiv', label, Math.ceil(max / ARXIV_PAGE_SIZE));
    await importArxivResults(jobs.importer(library), fetchClients(config, environment, control).arxiv(), { query, max, sort: input.sort ?? 'submitted' }, control);
  });
  return { job };
}

/**
 * One refresh at a time per data folder: in this process the running one is returned, and across
 * processes (the window and a CLI) a lock file refuses the second, which would only repeat requests.
 * The lock follows the write lock's liveness rule: one left by a killed process never refuses.
 */
export async function withRefreshLock(dataDir: string, run: () => Promise<void>): Promise<void> {
  let entered = false;
  try {
    await withWriteLock(
      dataDir,
      () => {
        entered = true;
        return run();
      },
      { name: 'refresh', timeoutMs: 0 },
    );
  } catch (error) {
    if (entered || !(error instanceof PapershelfError) || error.code !== 'internal') throw error;
    const holder = lockHolder(dataDir, 'refresh');
    const who = holder === null ? 'another Papershelf process' : `another Papershelf process (${holder})`;
    throw new PapershelfError('internal', `${who} is refreshing this library; try again when it has finished — your library is unchanged`);
  }
}

export function startRefresh(library: Library): { job: FetchJob } {
  const jobs = fetchJobsFor(library.dataDir);
  const running = jobs.running('refresh');
  if (running) return { job: running };
  const { store, environment } = prepare(library);
  const follows = store.list();
  if (follows.length === 0) {
    throw new PapershelfError('bad-input', 'nothing is followed yet: `papershelf follow hf-daily` or `papershelf follow arxiv QUERY` first');
  }
  const config = checkedConfig(environment, store.sources());
  const label = `refresh of ${follows.length} ${follows.length === 1 ? 'follow' : 'follows'}`;
  const job = jobs.start('refresh', label, (control) =>
    withRefreshLock(library.dataDir, () => {
      reportProblems(store, control);
      const clock = environment.clock;
      const clients = fetchClients(config, environment, control);
      const context = {
        library: jobs.importer(library),
        store,
        clients,
        control,
        today: todayOf(environment),
        now: () => new Date(clock ? clock.now() : Date.now()).toISOString(),
        followsChanged: (ids: string[]) => jobs.followsChanged(ids),
        resolveTitles: async () => (await library.enrich()).autoResolve({ signal: control.signal, client: clients.arxiv() }),
        keepPdfs: async (fetched: Parameters<NonNullable<RefreshContext['keepPdfs']>>[0]) =>
          (await import('../pdfs/pdf-keep.ts')).keepPdfsWithin(jobs, () => jobs.currentLibrary(library), control, fetched),
      };
      // The list as it is now: a follow added or dropped since the job was asked for counts.
      return refreshAll(context, store.list());
    }),
  );
  return { job };
}

export function cancelFetch(library: Library, jobId: string): { cancelled: boolean } {
  return { cancelled: fetchJobsFor(library.dataDir).cancel(jobId) };
}

export function listFetchJobs(library: Library): { jobs: FetchJob[] } {
  return { jobs: fetchJobsFor(library.dataDir).list() };
}
