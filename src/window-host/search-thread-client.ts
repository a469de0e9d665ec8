/**
 * The search worker of the doors with a window (search-thread.ts). Searches are grouped in
 * channels, one per search box (a window, a browser tab), and numbered by their caller: a newer
 * search replaces the channel's older ones still waiting (they fail with SearchSuperseded), and an
 * answer to a search its channel has since replaced is dropped the same way — typing fast never
 * queues up stale work, and no box is ever answered late over a newer query. Change events
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
  sequence: number;
  request: ServiceSearchRequest;
  resolve: (page: ServicePage) => void;
  reject: (error: Error) => void;
}

export class SearchThread {
  private readonly rpc: RpcClient;
  private running = false;
  /** Searches not sent yet, oldest first. */
  private waiting: Waiting[] = [];
  /** The newest sequence number each channel has sent. */
  private readonly newest = new Map<string, number>();

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
   * A search numbered higher replaces its channel's lower-numbered searches, waiting or running;
   * searches with the same number (pages of one search) never replace each other. Arrival order
   * alone cannot say which search is newer (a page fetched for an older query may arrive after the
   * newest query), so a caller without a number replaces nothing.
   */
  search(request: ServiceSearchRequest, caller?: SearchCaller): Promise<ServicePage> {
    const sequence = caller?.sequence;
    if (!caller || sequence === undefined) return this.enqueue({ channel: '', sequence: 0, request });
    const channel = caller.channel;
    const seen = this.newest.get(channel);
    if (seen !== undefined && sequence < seen) return Promise.reject(new SearchSuperseded());
    if (seen === undefined || sequence > seen) {
      this.newest.set(channel, sequence);
      const replaced = this.waiting.filter((job) => job.channel === channel && job.sequence < sequence);
      this.waiting = this.waiting.filter((job) => !replaced.includes(job));
      for (const job of replaced) job.reject(new SearchSuperseded());
    }
    return this.enqueue({ channel, sequence, request });
  }

  private enqueue(job: Omit<Waiting, 'resolve' | 'reject'>): Promise<ServicePage> {
    return new Promise<ServicePage>((resolve, reject) => {
      this.waiting.push({ ...job, resolve, reject });
      this.next();
    });
  }

  private isCurrent(job: Waiting): boolean {
    return job.channel === '' || (this.newest.get(job.channel) ?? 0) <= job.sequence;
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = true;
    this.rpc
      .call<ServicePage>('search', job.request)
      .then(
        (page) => (this.isCurrent(job) ? job.resolve(page) : job.reject(new SearchSuperseded())),
        (error: Error) => job.reject(error),
      )
      .finally(() => {
        this.running = false;
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

  /** Resolves once the full-text index has caught up with `pdfs/` (tests; searches wait behind it). */
  fulltextSettled(): Promise<void> {
    return this.rpc.call('fulltextSettled', null);
  }

  /** Resolves once the worker confirms phrases on term numbers everywhere (phrase-tokens.ts). */
  phrasesPrepared(): Promise<void> {
    return this.rpc.call('phrasesPrepared', null);
  }

  async close(): Promise<void> {
    for (const job of this.waiting) job.reject(new SearchSuperseded());
    this.waiting = [];
    await this.rpc.close();
  }
}
