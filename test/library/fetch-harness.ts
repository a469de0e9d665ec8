/**
 * A library in a temporary folder whose fetch jobs talk to the replay server on 127.0.0.1 and run
 * on a virtual clock, reached through the contract as the window would reach it.
 */
import { afterEach } from 'vitest';
import type { ChangeEvent, FetchJob, OperationInput, OperationName, OperationOutput } from '../../src/api/contract.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { fetchJobsFor, type FetchJobs } from '../../src/library/fetch-jobs.ts';
import { Library } from '../../src/library/library.ts';
import type { PaperView } from '../../src/model/paper.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { atomEntries, startReplayServer, type ReplayData, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';

export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Harness {
  dir: string;
  server: ReplayServer;
  clock: TestClock;
  library: Library;
  jobs: FetchJobs;
  /** Every event the fetch registry sent, in order. */
  events: ChangeEvent[];
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  /** Starts a job through the contract and waits for its end. */
  run(name: 'fetchSource' | 'refresh', input: OperationInput<'fetchSource'> | Record<string, never>): Promise<FetchJob>;
  /** The library as a new process would see it. */
  reopen(): Promise<Library>;
  paper(id: string): Promise<PaperView>;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

export async function openHarness(data: Partial<ReplayData> = {}, clock = new TestClock()): Promise<Harness> {
  const dir = tempDir('papershelf-fetch-');
  const server = await startReplayServer(data);
  const library = await Library.open(dir);
  const jobs = fetchJobsFor(dir);
  jobs.environment = { env: { PAPERSHELF_HF_URL: server.url, PAPERSHELF_ARXIV_URL: server.url }, clock, retry: { backoffMs: 100 }, timeoutMs: 2000 };
  const events: ChangeEvent[] = [];
  const unsubscribe = jobs.subscribe((event) => events.push(event));
  open.push(async () => {
    unsubscribe();
    for (const job of jobs.list()) jobs.cancel(job.id);
    await Promise.all(jobs.list().map((job) => jobs.wait(job.id)));
    await server.close();
  });
  const dispatch = createDispatch(library);
  const call = async <N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> => {
    const result = await dispatch(name, input);
    if (!result.ok) throw new CallError(result.error.code, result.error.message);
    return result.value;
  };
  return {
    dir,
    server,
    clock,
    library,
    jobs,
    events,
    call,
    async run(name, input) {
      const { job } = name === 'refresh' ? await call('refresh', {}) : await call('fetchSource', input as OperationInput<'fetchSource'>);
      return jobs.wait(job.id);
    },
    reopen: () => Library.open(dir),
    async paper(id) {
      return (await Library.open(dir)).getPaper(id);
    },
  };
}

const TEMPLATE = (JSON.parse(readFixture('hf-daily-papers-2026-07-15.json')) as Array<{ paper: Record<string, unknown> } & Record<string, unknown>>)[0]!;

/** A Daily Papers item in the current schema, from the recorded one, with its own id and counts. */
export function hfItem(id: string, options: { upvotes?: number; comments?: number; date?: string } = {}): unknown {
  const title = `Paper ${id}: ${String(TEMPLATE.paper.title)}`;
  return {
    ...structuredClone(TEMPLATE),
    title,
    numComments: options.comments ?? 0,
    paper: { ...structuredClone(TEMPLATE.paper), id, title, upvotes: options.upvotes ?? 1, publishedAt: `${options.date ?? '2026-07-13'}T00:00:00.000Z` },
  };
}

/** `count` distinct papers for one day: ids `YYMM.DDnnn` from the date, so no two days share one. */
export function hfDay(date: string, count: number, options: { upvotes?: number } = {}): unknown[] {
  const prefix = `${date.slice(2, 4)}${date.slice(5, 7)}.${date.slice(8, 10)}`;
  return Array.from({ length: count }, (_, i) => hfItem(`${prefix}${String(i).padStart(3, '0')}`, { ...options, date }));
}

export function idsOf(items: unknown[]): string[] {
  return items.map((item) => (item as { paper: { id: string } }).paper.id);
}

const ENTRY = atomEntries(readFixture('arxiv-query-testing.xml'))[0]!;

/** An arXiv Atom entry from the recorded one, with its own id, title and submission time. */
export function arxivEntry(id: string, published: string): string {
  return ENTRY.replace(/<id>[^<]*<\/id>/, `<id>http://arxiv.org/abs/${id}v1</id>`)
    .replace(/<title>[^<]*<\/title>/, `<title>Entry ${id}</title>`)
    .replace(/<published>[^<]*<\/published>/, `<published>${published}</published>`)
    .replace(/arxiv\.org\/(abs|pdf)\/[\d.]+v1/g, `arxiv.org/$1/${id}v1`);
}

/** `count` entries newest first, one per hour back from `newest`, with ids counting down from `firstId`. */
export function arxivEntries(count: number, newest: string, firstId = 260799999): string[] {
  const start = Date.parse(newest);
  return Array.from({ length: count }, (_, i) => {
    const n = String(firstId - i);
    return arxivEntry(`${n.slice(0, 4)}.${n.slice(4)}`, new Date(start - i * 3_600_000).toISOString().replace('.000Z', 'Z'));
  });
}
