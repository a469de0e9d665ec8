/**
 * The search worker of the doors with a window (search-thread.ts). Searches are grouped in
 * channels, one per search box (a window, a browser tab): a search for something else replaces the
 * channel's searches still waiting (they fail with SearchSuperseded), and an answer to a search its
 * channel has since replaced is dropped the same way — typing fast never queues up stale work, and
 * no box is ever answered late over a newer query. Pages of one search never replace each other. Change events
 * go to the worker at once, so every search sent after one sees its result.
 */
import type { ChangeEvent } from '../api/contract.ts';
import type { SearchResultView } from '../library/library.ts';
import { PapershelfError } from '../model/errors.ts';
import { RpcClient } from '../search/worker/rpc.ts';
import { startWorker } from '../search/worker/start-worker.ts';
import type { SearchCaller } from './search-caller.ts';
import type { ServicePage, ServiceSearchRequest } from './search-service.ts';

export class SearchSuperseded extends PapershelfError {
  constructor() {
    super('cancelled', 'a newer search replaced this one');
    this.name = 'SearchSuperseded';
  }
}

interface Waiting {
  channel: string;
  spec: string;
  request: ServiceSearchRequest;
  resolve: (page: ServicePage) => void;
  reject: (error: Error) => void;
}

/** What a search asks, without which page: pages of one search do not replace each other. */
function specOf(request: ServiceSearchRequest): string {
  const { offset: _offset, limit: _limit, ...spec } = request;
  return JSON.stringify(spec, Object.keys(spec).sort());
}

export class SearchThread {
  private readonly rpc: RpcClient;
  private running = false;
  /** Searches not sent yet, oldest first. */
  private waiting: Waiting[] = [];
  /** Each channel's newest search, and the newest sequence its caller numbered. */
  private readonly newest = new Map<string, { spec: string; sequence: number }>();
  private calls = 0;

  private constructor() {
    this.rpc = new RpcClient(startWorker(new URL('./search-thread.ts', import.meta.url)));
  }

  /** With `progressive`, answers cover the newest segments while older ones load (`partial`). */
  static async open(dataDir: string, options: { progressive?: boolean } = {}): Promise<SearchThread> {
    const thread = new SearchThread();
    try {
      await thread.rpc.call('open', { dataDir, progressive: options.progressive ?? false });
    } catch (error) {
      await thread.close();
      throw error;
    }
    return thread;
  }

  /** Whether the worker stopped (it crashed or could not start): the caller then searches itself. */
  get failed(): boolean {
    return this.rpc.failed;
  }

  /**
   * A search for another query (or filter, or order) replaces the caller's searches still waiting or
   * running; pages of the same search do not. Without a caller, nothing is replaced.
   */
  search(request: ServiceSearchRequest, caller?: SearchCaller): Promise<ServicePage> {
    const channel = caller?.channel ?? `call:${++this.calls}`;
    const spec = specOf(request);
    const seen = this.newest.get(channel);
    const sequence = caller?.sequence;
    if (seen && sequence !== undefined && sequence < seen.sequence) return Promise.reject(new SearchSuperseded());
    this.newest.set(channel, { spec, sequence: sequence ?? seen?.sequence ?? 0 });
    if (seen && seen.spec !== spec) {
      const replaced = this.waiting.filter((job) => job.channel === channel && job.spec !== spec);
      this.waiting = this.waiting.filter((job) => !replaced.includes(job));
      for (const job of replaced) job.reject(new SearchSuperseded());
    }
    return new Promise<ServicePage>((resolve, reject) => {
      this.waiting.push({ channel, spec, request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = true;
    this.rpc
      .call<ServicePage>('search', job.request)
      .then(
        (page) => (this.newest.get(job.channel)?.spec === job.spec ? job.resolve(page) : job.reject(new SearchSuperseded())),
        (error: Error) => job.reject(error),
      )
      .finally(() => {
        this.running = false;
        // A channel without a caller is used once.
        if (job.channel.startsWith('call:')) this.newest.delete(job.channel);
        this.next();
      });
  }

  similar(id: string, limit: number): Promise<SearchResultView[]> {
    return this.rpc.call('similar', { id, limit });
  }

  changed(event: Pick<ChangeEvent, 'kind' | 'ids'>): Promise<void> {
    return this.rpc.call('changed', { kind: event.kind, ids: event.ids });
  }

  /** Resolves once loading and any refresh it put off are done. */
  settled(): Promise<void> {
    return this.rpc.call('settled', null);
  }

  async close(): Promise<void> {
    for (const job of this.waiting) job.reject(new SearchSuperseded());
    this.waiting = [];
    await this.rpc.close();
  }
}
