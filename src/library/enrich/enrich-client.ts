/**
 * The arXiv client an enrichment uses when none is given: configured exactly as fetch jobs are
 * (subscriptions.json's `sources` settings, PAPERSHELF_ARXIV_URL, the folder's shared pacing and the
 * environment a door or test injected). An automatic run does not retry: offline, it should give
 * up at once and leave the papers queued rather than hold an import back with backoff waits.
 */
import { SubscriptionStore } from '../../store/subscription-store.ts';
import { arxivClient } from '../../sources/clients.ts';
import type { HttpClient } from '../../sources/http-client.ts';
import { checkedConfig } from '../fetch-clients.ts';
import { fetchJobsFor } from '../fetch-jobs.ts';

export function defaultArxivClient(dataDir: string, options: { auto: boolean }): HttpClient {
  const environment = fetchJobsFor(dataDir).environment;
  const config = checkedConfig(environment, SubscriptionStore.open(dataDir).sources());
  return arxivClient(config, {
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
    ...(environment.lookup ? { lookup: environment.lookup } : {}),
    ...(environment.timeoutMs ? { timeoutMs: environment.timeoutMs } : {}),
    retry: options.auto ? { retries: 0 } : { retries: config.retries, ...environment.retry },
    ...(environment.clock ? { clock: environment.clock } : { pacingDir: dataDir }),
  });
}
