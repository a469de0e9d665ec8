/**
 * Online sources for the fake bridge: follows and fetch jobs held in memory, with the core's rules
 * (one refresh at a time, whole batches only, one follow failing does not stop the others, progress
 * and outcome as `fetch` events). Its network answers nothing by itself: every request a job makes
 * waits for the test to call `advance()`, so tests see each step of a fetch. `online = false` makes
 * every request fail as the core does without a network.
 */
import type { ChangeEvent, FetchJob, FollowView, OperationInput } from '../../src/api/contract.ts';
import { PapershelfError, toErrorPayload } from '../../src/model/errors.ts';
import { connectionError } from '../../src/sources/source-error.ts';
import type { FakeLibrary, SeedPaper } from './fake-library.ts';

type FollowRequest = OperationInput<'follow'>;
type Part = FetchJob['parts'][number] & { expected: number };
type Fetcher = { key: string; host: string; source: string };

const HF_HOST = 'huggingface.co';
const ARXIV_HOST = 'export.arxiv.org';
const DEFAULT_MAX = 100;
const TODAY = '2026-07-01';
const YESTERDAY = '2026-06-30';

const normalize = (query: string) => query.trim().replace(/\s+/g, ' ');
const copy = (job: FetchJob): FetchJob => JSON.parse(JSON.stringify(job)) as FetchJob;
const batchesWord = (n: number) => `${n} ${n === 1 ? 'batch' : 'batches'}`;

function followId(query: string): string {
  let hash = 2166136261;
  for (const char of normalize(query)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `arxiv-${hash.toString(16).padStart(8, '0')}`;
}

function followLabel(follow: Pick<FollowView, 'kind' | 'query'>): string {
  return follow.kind === 'hf-daily' ? 'Hugging Face Daily Papers' : `arXiv "${follow.query}"`;
}

/** The core's wording for how a job ended, given the batches it had committed. */
function outcome(error: unknown, batches: number): { code: string; message: string } {
  const { code, message } = toErrorPayload(error);
  const detail = message.replace(/ — your library is unchanged$/, '');
  if (code === 'cancelled') return { code, message: batches === 0 ? 'cancelled — your library is unchanged' : `cancelled — ${batchesWord(batches)} imported, library consistent` };
  if (batches === 0) return { code, message: `${detail} — your library is unchanged` };
  return { code, message: `${detail} — ${batchesWord(batches)} imported before the failure, library consistent` };
}

class FakeJob {
  readonly controller = new AbortController();
  readonly parts: Part[] = [];
  view: FetchJob;

  constructor(id: string, kind: FetchJob['kind'], label: string, private readonly emit: (event: ChangeEvent) => void) {
    const zero = { added: 0, updated: 0, unchanged: 0, skipped: 0, requests: 0 };
    this.view = { id, kind, label, state: 'running', finished: false, done: 0, total: 0, message: `starting: ${label}`, ...zero, warnings: [], parts: [], error: null, startedAt: new Date().toISOString(), finishedAt: null };
  }

  plan(id: string, label: string, expected: number): Part {
    const part: Part = { id, label, added: 0, updated: 0, unchanged: 0, skipped: 0, requests: 0, batches: 0, error: null, expected };
    this.parts.push(part);
    return part;
  }

  /** Recomputes the view from the parts and broadcasts it, as the core does on every step. */
  note(message: string, change: Partial<FetchJob> = {}): void {
    const sum = (key: 'added' | 'updated' | 'unchanged' | 'skipped' | 'requests' | 'batches') => this.parts.reduce((all, part) => all + part[key], 0);
    const finished = (change.state ?? this.view.state) !== 'running';
    const done = sum('batches');
    const total = this.parts.reduce((all, part) => all + (part.error || finished ? part.batches : Math.max(part.expected, part.batches)), 0);
    const parts = this.parts.map(({ expected: _expected, ...part }) => ({ ...part }));
    this.view = { ...this.view, ...change, finished, message, done, total: Math.max(total, done), parts };
    for (const key of ['added', 'updated', 'unchanged', 'skipped', 'requests'] as const) this.view[key] = sum(key);
    this.emit({ kind: 'fetch', ids: [], at: new Date().toISOString(), job: copy(this.view) });
  }
}

export class FakeSources {
  /** When false, every request fails as it does on a machine without network. */
  online = true;
  readonly today = TODAY;
  private readonly follows: FollowView[] = [];
  private readonly jobs: FakeJob[] = [];
  private readonly remote = new Map<string, SeedPaper[][]>();
  private readonly waiting: Array<() => void> = [];
  private wake: () => void = () => {};
  private nextJob = 1;

  constructor(
    private readonly library: FakeLibrary,
    private readonly emit: (event: ChangeEvent) => void,
  ) {}

  /** What the network holds for `'hf-daily'` or an arXiv query: the batches (days, pages) a fetch brings in. */
  serve(key: string, batches: SeedPaper[][]): void {
    this.remote.set(key === 'hf-daily' ? key : normalize(key), batches);
  }

  list(): { follows: FollowView[]; problems: string[] } {
    return { follows: this.follows.map((follow) => ({ ...follow })), problems: [] };
  }

  follow(request: FollowRequest): { follow: FollowView; added: boolean; problems: string[] } {
    if (request.kind === 'hf-daily' && request.since && request.since > this.today) {
      throw new PapershelfError('bad-input', `since: ${request.since} is after today (${this.today})`);
    }
    const hf = request.kind === 'hf-daily';
    const query = hf ? null : normalize(request.query);
    const id = query === null ? 'hf-daily' : followId(query);
    const existing = this.follows.find((follow) => follow.id === id);
    if (existing) return { follow: { ...existing }, added: false, problems: [] };
    const max = hf ? null : (request.max ?? DEFAULT_MAX);
    const since = hf ? (request.since ?? null) : null;
    const progress = hf ? (since ? `next refresh fetches ${since} through today` : 'next refresh fetches the last 7 days') : `next refresh fetches the newest ${max} results`;
    const follow: FollowView = { id, kind: request.kind, query, max, since, addedAt: new Date().toISOString(), lastFetchAt: null, lastError: null, progress };
    this.follows.push(follow);
    this.followsChanged([id]);
    return { follow: { ...follow }, added: true, problems: [] };
  }

  unfollow(idOrQuery: string): { follow: FollowView; problems: string[] } {
    const wanted = normalize(idOrQuery);
    const index = this.follows.findIndex((follow) => follow.id === wanted || follow.query === wanted);
    const found = this.follows[index];
    if (!found) throw new PapershelfError('not-found', `not following "${idOrQuery}" (see \`papershelf following\`)`);
    this.follows.splice(index, 1);
    this.followsChanged([found.id]);
    return { follow: found, problems: [] };
  }

  refresh(): { job: FetchJob } {
    const running = this.jobs.find((job) => job.view.kind === 'refresh' && !job.view.finished);
    if (running) return { job: copy(running.view) };
    if (this.follows.length === 0) throw new PapershelfError('bad-input', 'nothing is followed yet: `papershelf follow hf-daily` or `papershelf follow arxiv QUERY` first');
    const follows = [...this.follows];
    const job = this.start('refresh', `refresh of ${follows.length} ${follows.length === 1 ? 'follow' : 'follows'}`);
    const fetchers = follows.map((follow) => ({ follow, fetcher: this.fetcherOf(follow) }));
    const parts = fetchers.map(({ follow, fetcher }) => job.plan(follow.id, followLabel(follow), this.batches(fetcher.key).length));
    void this.settle(job, async () => {
      for (const [index, { follow, fetcher }] of fetchers.entries()) {
        const part = parts[index]!;
        job.note(part.label);
        try {
          await this.fetchPart(job, part, fetcher);
          this.record(follow.id, { lastFetchAt: new Date().toISOString(), lastError: null }, fetcher);
        } catch (error) {
          if (job.controller.signal.aborted) throw error;
          part.error = outcome(error, part.batches);
          part.error.message = `${part.label}: ${part.error.message}`;
          this.record(follow.id, { lastError: part.error.message });
          job.note(part.error.message);
        }
      }
    });
    return { job: copy(job.view) };
  }

  fetch(input: OperationInput<'fetchSource'>): { job: FetchJob } {
    const hf = input.source === 'hf';
    const label = hf ? `Daily Papers ${input.date ?? this.today}` : `arXiv "${normalize(input.query)}"`;
    const job = this.start(input.source, label);
    const fetcher = hf ? { key: 'hf-daily', host: HF_HOST, source: 'hf-daily' } : { key: normalize(input.query), host: ARXIV_HOST, source: 'arxiv' };
    const part = job.plan(input.source, label, this.batches(fetcher.key).length);
    void this.settle(job, () => this.fetchPart(job, part, fetcher));
    return { job: copy(job.view) };
  }

  cancel(id: string): { cancelled: boolean } {
    const job = this.jobs.find((candidate) => candidate.view.id === id);
    if (!job || job.view.finished) return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  listJobs(): { jobs: FetchJob[] } {
    return { jobs: this.jobs.map((job) => copy(job.view)) };
  }

  /**
   * Answers the oldest request a running job is waiting on, then waits until that job has dealt with
   * the answer (it is waiting on its next request, or it finished).
   */
  async advance(): Promise<void> {
    for (let spins = 0; this.waiting.length === 0; spins += 1) {
      if (!this.jobs.some((job) => !job.view.finished) || spins > 100) throw new Error('no fetch job is waiting for the network');
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    const moved = new Promise<void>((resolve) => (this.wake = resolve));
    this.waiting.shift()!();
    await moved;
  }

  private start(kind: FetchJob['kind'], label: string): FakeJob {
    const job = new FakeJob(`job-${this.nextJob++}`, kind, label, this.emit);
    this.jobs.push(job);
    job.note(`starting: ${label}`);
    return job;
  }

  private async settle(job: FakeJob, run: () => Promise<void>): Promise<void> {
    await Promise.resolve();
    try {
      await run();
      const failures = job.parts.flatMap((part) => (part.error ? [part.error] : []));
      const error = failures.length === 0 ? null : { code: failures[0]!.code, message: failures.map((failure) => failure.message).join('; ') };
      const view = job.view;
      const summary = `done: ${view.added} added, ${view.updated} updated, ${view.unchanged} unchanged, ${view.requests} requests`;
      job.note(error?.message ?? summary, { state: error ? 'failed' : 'done', error, finishedAt: new Date().toISOString() });
    } catch (thrown) {
      const error = outcome(thrown, job.parts.reduce((all, part) => all + part.batches, 0));
      job.note(error.message, { state: error.code === 'cancelled' ? 'cancelled' : 'failed', error, finishedAt: new Date().toISOString() });
    }
    this.wake();
  }

  /** One request per batch; each batch is imported whole before the next request is sent. */
  private async fetchPart(job: FakeJob, part: Part, fetcher: Fetcher): Promise<void> {
    const batches = this.batches(fetcher.key);
    for (const [index, batch] of batches.entries()) {
      await this.request(job.controller.signal);
      part.requests += 1;
      if (!this.online) throw connectionError(fetcher.host, new Error('getaddrinfo ENOTFOUND'));
      const summary = this.library.importJson(JSON.stringify(batch.map((paper) => ({ sources: [fetcher.source], ...paper }))));
      for (const key of ['added', 'updated', 'unchanged', 'skipped'] as const) part[key] += summary[key];
      part.batches += 1;
      job.note(`${part.label}: batch ${index + 1} of ${batches.length} (${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged)`);
      this.emit({ kind: 'papers', ids: [], at: new Date().toISOString() });
    }
  }

  private request(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const answer = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(answer), 1);
        reject(new PapershelfError('cancelled', 'cancelled: the fetch was stopped — your library is unchanged'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(answer);
      this.wake();
    });
  }

  private batches(key: string): SeedPaper[][] {
    const batches = this.remote.get(key) ?? [];
    // A day or a page with nothing new is still one request that brings an empty batch.
    return batches.length > 0 ? batches : [[]];
  }

  private fetcherOf(follow: FollowView): Fetcher {
    if (follow.kind === 'hf-daily') return { key: 'hf-daily', host: HF_HOST, source: 'hf-daily' };
    return { key: follow.query ?? '', host: ARXIV_HOST, source: 'arxiv' };
  }

  /** Updates a follow unless it was unfollowed meanwhile, and says so, as the core does. */
  private record(id: string, change: Partial<FollowView>, fetched?: Fetcher): void {
    const follow = this.follows.find((candidate) => candidate.id === id);
    if (!follow) return;
    Object.assign(follow, change);
    if (fetched) {
      follow.progress = follow.kind === 'hf-daily' ? `complete through ${YESTERDAY}; next refresh fetches ${this.today} through today` : `next refresh fetches results submitted since ${follow.lastFetchAt}`;
    }
    this.followsChanged([id]);
  }

  private followsChanged(ids: string[]): void {
    this.emit({ kind: 'follows', ids, at: new Date().toISOString() });
  }
}
