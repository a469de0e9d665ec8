/**
 * The fetch jobs of one data folder in this process, and the hub their progress goes out through:
 * `fetch` events (a job's progress and outcome) and `follows` events (a follow added, removed or its
 * progress recorded). Doors relay them exactly like the library's own events:
 *
 *     const stop = fetchJobsFor(dataDir).subscribe((event) => relay(event));
 *
 * The registry is keyed by folder, not by Library object, so a door that reopens its Library after
 * another process changed the folder keeps its running jobs and its subscription.
 */
import { randomUUID } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { resolve } from 'node:path';
import type { ChangeEvent, FetchJob } from '../api/contract.ts';
import type { Clock } from '../sources/clock.ts';
import type { FetchLike } from '../sources/node-transport.ts';
import type { RetryPolicy } from '../sources/retry-policy.ts';
import { Job, type FetchControl, type FetchJobKind } from './fetch-job.ts';
import type { Library } from './library.ts';

type Listener = (event: ChangeEvent) => void;

/** How jobs reach the network; the defaults are the real ones. Tests and the CLI inject theirs. */
export interface FetchEnvironment {
  /** Where PAPERSHELF_HF_URL / PAPERSHELF_ARXIV_URL are read (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Decides waits (arXiv spacing, backoff, Retry-After) and what day "today" is. */
  clock?: Clock;
  fetch?: FetchLike;
  /** Host name lookup for the real request layer (tests inject one that fails without asking a DNS server). */
  lookup?: LookupFunction;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /**
   * The data folder, whose pacing file keeps arXiv's spacing across processes. FetchJobs fills it in
   * with its own folder, so a caller replacing the environment need not name it.
   */
  dataDir?: string;
}

/** What a job imports through: only `importParsed`, so each batch can go to whichever Library is current. */
export type BatchImporter = Pick<Library, 'importParsed'>;

/** Finished jobs kept for `listFetchJobs`, so a window opened late can show how the last ones went. */
const KEEP_FINISHED = 20;

export class FetchJobs {
  private env: FetchEnvironment;
  private current: (() => Library) | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly jobs = new Map<string, { job: Job; settled: Promise<FetchJob> }>();

  constructor(readonly dataDir: string) {
    this.env = { dataDir };
  }

  /** How this folder's jobs reach the network; always names this folder unless told otherwise. */
  get environment(): FetchEnvironment {
    return this.env;
  }

  set environment(environment: FetchEnvironment) {
    this.env = { dataDir: this.dataDir, ...environment };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A door that reopens its Library (LibraryHost, after another process changed the folder) names the
   * one it has open now, so running jobs import into it rather than into the Library they started with.
   */
  useLibrary(current: (() => Library) | null): void {
    this.current = current;
  }

  /** The door's current Library when one was named, else `started`. */
  currentLibrary(started: Library): Library {
    return this.current?.() ?? started;
  }

  /** Imports each batch into the door's current Library when one was named, else into `started`. */
  importer(started: Library): BatchImporter {
    return { importParsed: (parsed, source) => (this.current?.() ?? started).importParsed(parsed, source) };
  }

  followsChanged(ids: string[]): void {
    this.emit({ kind: 'follows', ids, at: new Date().toISOString() });
  }

  /** Papers whose kept PDF appeared or went (downloaded, imported, removed, pruned). */
  pdfsChanged(ids: string[]): void {
    if (ids.length > 0) this.emit({ kind: 'pdfs', ids, at: new Date().toISOString() });
  }

  /** Runs `run` in the background and returns the job at once; its outcome is in its events and `wait`. */
  start(kind: FetchJobKind, label: string, run: (control: FetchControl) => Promise<void>): FetchJob {
    const job = new Job(randomUUID().slice(0, 8), kind, label, (changed) => {
      this.emit({ kind: 'fetch', ids: [], at: new Date().toISOString(), job: changed.view() });
    });
    const settled = Promise.resolve()
      .then(() => run(job))
      .then(
        () => job.finish(null),
        (error: unknown) => job.finish({ error }),
      )
      .then(() => {
        this.prune();
        return job.view();
      });
    this.jobs.set(job.id, { job, settled });
    job.note(`starting: ${label}`);
    return job.view();
  }

  /** The job of this kind still running, if any. */
  running(kind: FetchJobKind): FetchJob | undefined {
    return [...this.jobs.values()].find((entry) => entry.job.kind === kind && !entry.job.finished)?.job.view();
  }

  /** Stops a running job after its current request; batches already imported stay. False if not running. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.job.finished) return false;
    entry.job.controller.abort();
    return true;
  }

  get(id: string): FetchJob | undefined {
    return this.jobs.get(id)?.job.view();
  }

  list(): FetchJob[] {
    return [...this.jobs.values()].map((entry) => entry.job.view());
  }

  /** Resolves with the job as it finished. */
  wait(id: string): Promise<FetchJob> {
    const entry = this.jobs.get(id);
    if (!entry) return Promise.reject(new Error(`no fetch job ${id}`));
    return entry.settled;
  }

  private emit(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window) must not stop the fetch or the other listeners.
      }
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((entry) => entry.job.finished);
    for (const entry of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(entry.job.id);
  }
}

const registries = new Map<string, FetchJobs>();

/** The one registry of a data folder in this process. */
export function fetchJobsFor(dataDir: string): FetchJobs {
  const key = resolve(dataDir);
  let jobs = registries.get(key);
  if (!jobs) {
    jobs = new FetchJobs(key);
    registries.set(key, jobs);
  }
  return jobs;
}
