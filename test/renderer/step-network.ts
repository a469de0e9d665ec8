/**
 * The network a window test's fetch jobs see: the replay server on 127.0.0.1 standing in for Hugging
 * Face and arXiv (test/helpers/replay-server.ts), reached through the core's real transport, with one
 * difference: every request waits until the test calls `advance()`, so a test sees each step of a
 * fetch. Offline, requests go to the real host names and no name resolves, so the core fails them
 * exactly as it does on a machine without a network. Time is a virtual clock on 2026-07-01.
 */
import { afterEach } from 'vitest';
import { fetchJobsFor, type FetchEnvironment } from '../../src/library/fetch-jobs.ts';
import { nodeTransport, type FetchLike } from '../../src/sources/node-transport.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { atomEntries, startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import { CoreBridge, noNetwork } from './core-bridge.ts';

export const TODAY = '2026-07-01';

export interface RemotePaper {
  arxivId: string;
  title: string;
  published: string;
  upvotes?: number;
}

/** A Daily Papers API item, as huggingface.co sends it. */
export function hfItem(paper: RemotePaper): unknown {
  const { arxivId, title, published, upvotes = 0 } = paper;
  return { paper: { id: arxivId, title, summary: `${title}, the abstract.`, authors: [{ name: 'A. Author' }], publishedAt: `${published}T00:00:00.000Z`, upvotes } };
}

/** An arXiv Atom entry, shaped like the recorded ones. */
export function arxivEntry(paper: RemotePaper): string {
  const recorded = atomEntries(readFixture('arxiv-query-transformer-cs.LG.xml'))[0] ?? '';
  const at = `${paper.published}T12:00:00Z`;
  return recorded
    .replace(/\d{4}\.\d{4,5}(v\d+)/g, `${paper.arxivId}$1`)
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${paper.title}</title>`)
    .replace(/<published>[^<]*<\/published>/, `<published>${at}</published>`)
    .replace(/<updated>[^<]*<\/updated>/, `<updated>${at}</updated>`);
}

const started = new Set<StepNetwork>();
afterEach(async () => {
  for (const network of [...started]) await network.close();
});

export class StepNetwork {
  /** False: no host name resolves, as on a machine without a network. */
  private connected = true;
  readonly clock = new TestClock();
  private readonly waiting: Array<() => void> = [];
  private dataDir: string | null = null;

  private constructor(readonly server: ReplayServer) {
    this.clock.time = Date.parse(`${TODAY}T12:00:00Z`);
  }

  /** `hfDays`: Daily Papers per day; `arxiv`: what any query mentioning cs.LG finds. */
  static async start(remote: { hfDays?: Record<string, RemotePaper[]>; arxiv?: RemotePaper[] }): Promise<StepNetwork> {
    const hfDays = Object.fromEntries(Object.entries(remote.hfDays ?? {}).map(([day, papers]) => [day, papers.map(hfItem)]));
    const server = await startReplayServer({ hfDays, arxivFeeds: { testing: [], 'cs.LG': (remote.arxiv ?? []).map(arxivEntry) } });
    const network = new StepNetwork(server);
    started.add(network);
    return network;
  }

  /** A real library whose fetch jobs use this network. */
  async open(): Promise<CoreBridge> {
    const bridge = await CoreBridge.open(this.environment());
    this.dataDir = bridge.dataDir;
    return bridge;
  }

  set online(online: boolean) {
    this.connected = online;
    if (this.dataDir) fetchJobsFor(this.dataDir).environment = this.environment();
  }

  private environment(): FetchEnvironment {
    const send = nodeTransport({ lookup: this.connected ? undefined : noNetwork });
    const gated: FetchLike = async (url, init) => {
      await new Promise<void>((resolve, reject) => {
        const signal = init.signal;
        const onAbort = () => {
          this.waiting.splice(this.waiting.indexOf(go), 1);
          reject(signal?.reason);
        };
        const go = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(go);
      });
      return send(url, init);
    };
    const env = this.connected ? { PAPERSHELF_HF_URL: this.server.url, PAPERSHELF_ARXIV_URL: this.server.url } : {};
    return { env, clock: this.clock, fetch: gated, retry: { backoffMs: 10 }, timeoutMs: 5000 };
  }

  private running(): boolean {
    return this.dataDir !== null && fetchJobsFor(this.dataDir).list().some((job) => !job.finished);
  }

  /**
   * Lets the oldest waiting request through, then waits until its job has dealt with the answer:
   * the job waits on its next request, or it finished.
   */
  async advance(): Promise<void> {
    await until(() => this.waiting.length > 0, 'no fetch job is waiting for the network');
    this.waiting.shift()?.();
    await until(() => this.waiting.length > 0 || !this.running(), 'the fetch job neither asked again nor finished');
  }

  /** Answers requests until no fetch job is running. */
  async finish(): Promise<void> {
    while (this.running()) await this.advance();
  }

  close(): Promise<void> {
    if (!started.delete(this)) return Promise.resolve();
    for (const release of this.waiting.splice(0)) release();
    return this.server.close();
  }
}

async function until(done: () => boolean, failure: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
