/**
 * Keeps one Library open for a long-running door (the HTTP server, the Electron main process) and
 * keeps it true to the disk: when another process changes the data folder, the library is opened
 * again and every subscriber is told, exactly as for a change made through this door.
 */
import type { ChangeEvent } from '../api/contract.ts';
import { createDispatch, type Dispatch } from '../api/dispatch.ts';
import { fetchJobsFor } from '../library/fetch-jobs.ts';
import { Library } from '../library/library.ts';
import { DataFolderWatcher, type DataArea } from './data-folder-watcher.ts';
import { PdfKeeper } from './pdf-keeper-service.ts';
import type { SearchThread } from './search-thread-client.ts';
import { WindowOperations } from './window-operations.ts';

type Listener = (event: ChangeEvent) => void;

export interface LibraryHostOptions {
  /** Watch the folder for other processes' changes (default true). */
  watch?: boolean;
  /** Damage found while (re)opening, and reloads that failed; for the log. */
  onProblem?: (message: string) => void;
  debounceMs?: number;
  /** How long close() waits for operations still running (default 10 s). */
  closeTimeoutMs?: number;
  /** Answer `search` and `similarPapers` from a worker thread (default true; false: on this thread). */
  searchWorker?: boolean;
}

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

export class LibraryHost {
  private readonly listeners = new Set<Listener>();
  private unsubscribe: () => void = () => {};
  private watcher: DataFolderWatcher | null = null;
  private reloading: Promise<void> | null = null;
  private reloadAgain: Set<DataArea> | null = null;
  private closed = false;
  private stopFetchEvents: () => void = () => {};
  private pdfKeeper: PdfKeeper | null = null;
  private current: { library: Library; dispatch: Dispatch; loaded: boolean };
  private searchThread: Promise<SearchThread | null> = Promise.resolve(null);
  private readonly operations = new WindowOperations(
    () => this.current,
    () => this.searchThread,
  );
  /** Operations started and not yet answered: quitting waits for them, so the last edit is written. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS;

  private constructor(
    readonly dataDir: string,
    library: Library,
    private readonly onProblem: (message: string) => void,
  ) {
    this.current = { library, dispatch: createDispatch(library), loaded: false };
    this.adopt(library);
    // Fetch jobs report progress through their own registry; relay it like library changes, and let
    // running jobs import into whichever Library this host has open now.
    const jobs = fetchJobsFor(dataDir);
    jobs.useLibrary(() => this.current.library);
    this.stopFetchEvents = jobs.subscribe((event) => this.emit(event));
  }

  static async open(dataDir: string, options: LibraryHostOptions = {}): Promise<LibraryHost> {
    const onProblem = options.onProblem ?? (() => {});
    // The worker loads its indexes while this thread loads the papers.
    const thread = options.searchWorker === false ? Promise.resolve(null) : openSearchThread(dataDir, onProblem);
    let library: Library;
    try {
      library = await Library.open(dataDir, { longRunning: true });
    } catch (error) {
      await (await thread)?.close();
      throw error;
    }
    for (const problem of library.problems) onProblem(problem);
    const host = new LibraryHost(dataDir, library, onProblem);
    host.searchThread = thread;
    host.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    host.pdfKeeper = new PdfKeeper(host, onProblem);
    if (options.watch ?? true) {
      host.watcher = new DataFolderWatcher(dataDir, (areas) => host.externalChange(areas), options.debounceMs);
      host.watcher.start();
    }
    return host;
  }

  get library(): Library {
    return this.current.library;
  }

  /** Runs an operation on the library as it is now (a reload swaps it between calls, never during one). */
  readonly dispatch: Dispatch = (name, input) => {
    const running = this.operations.run(name, input) ?? this.current.dispatch(name, input);
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  };

  /**
   * Resolves when every operation started so far has answered, or after `timeoutMs`; true when all
   * did. A write waiting for another process's lock is one of them.
   */
  async drain(timeoutMs = this.closeTimeoutMs): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const allDone = (async () => {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      return true as const;
    })();
    try {
      return await Promise.race([allDone, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once any reload in progress (or queued behind it) has finished. */
  async settled(): Promise<void> {
    while (this.reloading) await this.reloading;
  }

  /** Waits (bounded) for operations in flight, writes included, then stops everything. */
  async close(): Promise<void> {
    this.closed = true;
    this.pdfKeeper?.stop();
    this.watcher?.close();
    if (!(await this.drain())) this.onProblem(`quit while ${this.inFlight.size} operation(s) were still running after ${this.closeTimeoutMs} ms`);
    await this.settled();
    const jobs = fetchJobsFor(this.dataDir);
    for (const job of jobs.list()) if (!job.finished) jobs.cancel(job.id);
    this.stopFetchEvents();
    jobs.useLibrary(null);
    this.unsubscribe();
    this.listeners.clear();
    await (await this.searchThread)?.close();
    await this.current.library.close();
  }

  /** Resolves once the search worker has loaded every segment and followed every change so far. */
  async searchSettled(): Promise<void> {
    await (await this.searchThread)?.settled();
  }

  /** Resolves once the search worker confirms phrases without reading texts (for measurements and tests). */
  async searchPhrasesPrepared(): Promise<void> {
    await (await this.searchThread)?.phrasesPrepared();
  }

  private adopt(library: Library): void {
    const current = this.current;
    library.loaded().then(
      () => (current.loaded = true),
      () => undefined,
    );
    this.unsubscribe();
    this.unsubscribe = library.subscribe((event) => {
      // The library emits after its write is on disk: that version of the files is ours.
      this.watcher?.acknowledge();
      this.emit(event);
    });
  }

  private emit(event: ChangeEvent): void {
    // The worker hears first: a window that searches again on this event must see the change.
    void this.searchThread.then((thread) => thread?.changed(event)).catch((error: unknown) => this.onProblem(`the search worker could not follow a change: ${String(error)}`));
    for (const listener of [...this.listeners]) listener(event);
  }

  private externalChange(areas: Set<DataArea>): void {
    if (this.closed) return;
    if (this.reloading) {
      this.reloadAgain = new Set([...(this.reloadAgain ?? []), ...areas]);
      return;
    }
    this.reloading = this.reload(areas).finally(() => {
      this.reloading = null;
      const again = this.reloadAgain;
      this.reloadAgain = null;
      if (again) this.externalChange(again);
    });
  }

  /**
   * The Library reads its files once when opened, so another process's changes need a fresh one.
   * Ids are unknown here: an empty `ids` tells the window that anything of that kind may have changed.
   */
  private async reload(areas: Set<DataArea>): Promise<void> {
    let library: Library;
    try {
      library = await this.current.library.reopen();
    } catch (error) {
      this.onProblem(`could not reload the library after another program changed it: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.closed) return;
    for (const problem of library.problems) this.onProblem(problem);
    this.current = { library, dispatch: createDispatch(library), loaded: false };
    this.adopt(library);
    const at = new Date().toISOString();
    if (areas.has('papers')) this.emit({ kind: 'papers', ids: [], at });
    if (areas.has('annotations') || areas.has('notes')) this.emit({ kind: 'annotations', ids: [], at });
  }
}

/** The search worker, or null (searches then run on this thread) when it cannot start. */
async function openSearchThread(dataDir: string, onProblem: (message: string) => void): Promise<SearchThread | null> {
  try {
    const { SearchThread } = await import('./search-thread-client.ts');
    return await SearchThread.open(dataDir, { progressive: true });
  } catch (error) {
    onProblem(`searching on the main thread: the search worker did not start (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}
