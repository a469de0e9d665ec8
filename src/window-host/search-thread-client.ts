/**
 * The search worker of the doors with a window (search-thread.ts). Searches are grouped in
 * channels, one per search box (a window, a browser tab): while a search runs, only the newest
 * waiting search of each channel is kept, the ones it replaced fail with SearchSuperseded, and an
 * answer that a newer search of its channel has overtaken is dropped the same way — typing fast
 * never queues up stale work, and no box is ever answered late over a newer query. Change events
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
  ticket: number;
  request: ServiceSearchRequest;
  resolve: (page: ServicePage) => void;
  reject: (error: Error) => void;
}

export class SearchThread {
  private readonly rpc: RpcClient;
  private running = false;
  /** The newest waiting search of each channel. */
  private readonly waiting = new Map<string, Waiting>();
  /** Each channel's newest ticket, and the newest sequence its caller numbered. */
  private readonly newest = new Map<string, { ticket: number; sequence: number }>();
  private tickets = 0;

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

  /** Without a caller, the search is its own channel and replaces nothing. */
  search(request: ServiceSearchRequest, caller?: SearchCaller): Promise<ServicePage> {
    const channel = caller?.channel ?? `call:${this.tickets + 1}`;
    const ticket = ++this.tickets;
    const seen = this.newest.get(channel);
    const sequence = caller?.sequence;
    if (seen && sequence !== undefined && sequence < seen.sequence) return Promise.reject(new SearchSuperseded());
    this.newest.set(channel, { ticket, sequence: sequence ?? seen?.sequence ?? 0 });
    const replaced = this.waiting.get(channel);
    if (replaced) {
      this.waiting.delete(channel);
      replaced.reject(new SearchSuperseded());
    }
    return new Promise<ServicePage>((resolve, reject) => {
      this.waiting.set(channel, { channel, ticket, request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.values().next().value;
    if (!job) return;
    this.waiting.delete(job.channel);
    this.running = true;
    this.rpc
      .call<ServicePage>('search', job.request)
      .then(
        (page) => (this.newest.get(job.channel)?.ticket === job.ticket ? job.resolve(page) : job.reject(new SearchSuperseded())),
        (error: Error) => job.reject(error),
      )
      .finally(() => {
        this.running = false;
        // Channels without a caller are used once.
        if (job.channel.startsWith('call:') && this.newest.get(job.channel)?.ticket === job.ticket) this.newest.delete(job.channel);
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
    for (const job of this.waiting.values()) job.reject(new SearchSuperseded());
    this.waiting.clear();
    await this.rpc.close();
  }
}
