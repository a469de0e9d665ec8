/**
 * Searching off the calling thread: a worker thread holds the library's indexes (no paper bodies)
 * and answers queries one page at a time (top 50 first). Searches are grouped in channels (one per
 * search box): while a search runs, only the newest waiting search of each channel is kept, the
 * ones it replaced fail with SearchSuperseded, and a result that a newer search of its channel has
 * overtaken is dropped the same way — typing fast never queues up stale work.
 *
 * The caller keeps the papers (the Library's Corpus) and turns a page into hits with
 * `corpus.matchesOf(id, page.scoringTerms)`; after it commits, it calls `refresh`, and it forwards
 * tag and note changes with `updateAnnotationText`.
 */
import { PapershelfError } from '../../model/errors.ts';
import type { StoredPaper } from '../../model/paper.ts';
import type { AnnotationText } from '../analysis/fields.ts';
import { RpcClient } from './rpc.ts';
import type { WorkerPage, WorkerSearchRequest } from './search-protocol.ts';
import { startWorker } from './start-worker.ts';

export type { WorkerPage } from './search-protocol.ts';

export class SearchSuperseded extends PapershelfError {
  constructor() {
    super('cancelled', 'a newer search replaced this one');
    this.name = 'SearchSuperseded';
  }
}

export interface ClientSearchOptions {
  /** Hits per page; 50 when absent. */
  limit?: number;
  offset?: number;
  /** When given, only these papers may match (a starred/tag/status filter worked out by the caller). */
  only?: Iterable<string>;
  /** Searches of one channel supersede each other (default "default"). */
  channel?: string;
}

interface Waiting {
  channel: string;
  ticket: number;
  request: WorkerSearchRequest;
  resolve: (page: WorkerPage) => void;
  reject: (error: Error) => void;
}

export class SearchClient {
  private readonly rpc: RpcClient;
  private running = false;
  /** The newest waiting search of each channel. */
  private readonly waiting = new Map<string, Waiting>();
  /** Each channel's newest ticket. */
  private readonly newest = new Map<string, number>();
  private tickets = 0;

  private constructor(entry: URL) {
    this.rpc = new RpcClient(startWorker(entry));
  }

  /** With `progressive`, searches answer over the newest segments while older ones load (`page.loading`). */
  static async open(dataDir: string, options: { progressive?: boolean } = {}): Promise<SearchClient> {
    const client = new SearchClient(new URL('./search-worker.ts', import.meta.url));
    await client.rpc.call('open', { dataDir, progressive: options.progressive ?? false });
    return client;
  }

  search(query: string, options: ClientSearchOptions = {}): Promise<WorkerPage> {
    const channel = options.channel ?? 'default';
    const ticket = ++this.tickets;
    this.newest.set(channel, ticket);
    const replaced = this.waiting.get(channel);
    if (replaced) {
      this.waiting.delete(channel);
      replaced.reject(new SearchSuperseded());
    }
    const request: WorkerSearchRequest = {
      query,
      offset: options.offset ?? 0,
      limit: options.limit ?? 50,
      only: options.only === undefined ? undefined : [...options.only],
    };
    return new Promise<WorkerPage>((resolve, reject) => {
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
      .call<WorkerPage>('search', job.request)
      .then(
        (page) => (this.newest.get(job.channel) === job.ticket ? job.resolve(page) : job.reject(new SearchSuperseded())),
        (error: Error) => job.reject(error),
      )
      .finally(() => {
        this.running = false;
        this.next();
      });
  }

  similar(paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>, limit = 10): Promise<WorkerPage> {
    return this.rpc.call('similar', { paper: { id: paper.id, title: paper.title, abstract: paper.abstract, authors: paper.authors }, limit });
  }

  /** Picks up commits and merges (of this process or another); resolves whether anything changed. */
  refresh(): Promise<boolean> {
    return this.rpc.call('refresh', null);
  }

  /** Resolves with the number of live papers once every segment is loaded. */
  whenLoaded(): Promise<number> {
    return this.rpc.call('whenLoaded', null);
  }

  setAnnotationTexts(texts: Map<string, AnnotationText>): Promise<void> {
    return this.rpc.call('setAnnotationTexts', texts);
  }

  updateAnnotationText(id: string, text: AnnotationText | null): Promise<void> {
    return this.rpc.call('updateAnnotationText', { id, text });
  }

  async close(): Promise<void> {
    for (const job of this.waiting.values()) job.reject(new SearchSuperseded());
    this.waiting.clear();
    await this.rpc.close();
  }
}
