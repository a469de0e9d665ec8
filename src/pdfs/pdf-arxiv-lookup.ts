/**
 * A PDF whose paper is not in the library but whose stamp or DOI names an arXiv id: the paper is asked
 * of the arXiv API (`id_list`, PAPERSHELF_ARXIV_URL, paced like every arXiv request) and added, so its
 * PDF can be kept. Offline, or when arXiv does not know the id, nothing is added and nothing guessed.
 */
import type { FetchEnvironment } from '../library/fetch-jobs.ts';
import { checkedConfig } from '../library/fetch-clients.ts';
import { ARXIV_SOURCE } from '../library/fetch-arxiv.ts';
import type { Library } from '../library/library.ts';
import { parseArxivAtom } from '../importers/arxiv-atom.ts';
import { isCompleteFeed, looksLikeHtml } from '../sources/atom-feed.ts';
import { ARXIV_QUERY_PATH } from '../sources/arxiv-query.ts';
import { arxivClient } from '../sources/clients.ts';
import { SourceError, truncatedError } from '../sources/source-error.ts';
import { SubscriptionStore } from '../store/subscription-store.ts';

export type ArxivLookup = { id: string } | { reason: string };

/** Adds the arXiv paper `arxivId` to the library; its library id, or why it could not be added. */
export async function addFromArxiv(library: Library, arxivId: string, environment: FetchEnvironment): Promise<ArxivLookup> {
  const config = checkedConfig(environment, SubscriptionStore.open(library.dataDir).sources());
  const client = arxivClient(config, {
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
    ...(environment.clock ? { clock: environment.clock } : { pacingDir: library.dataDir }),
    retry: { retries: config.retries, ...environment.retry },
    ...(environment.timeoutMs ? { timeoutMs: environment.timeoutMs } : {}),
  });
  let parsed: ReturnType<typeof parseArxivAtom>;
  try {
    parsed = await client.request(ARXIV_QUERY_PATH, {
      query: { id_list: arxivId, max_results: 1 },
      accept: 'application/atom+xml',
      parse: (body) => {
        if (looksLikeHtml(body)) throw new SourceError('not-atom', client.host, `${client.host} sent a web page instead of an Atom feed`, false);
        if (!isCompleteFeed(body)) throw truncatedError(client.host, ARXIV_QUERY_PATH, Buffer.byteLength(body));
        return parseArxivAtom(body);
      },
    });
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/ — your library is unchanged$/, '');
    return { reason: `its paper (arXiv ${arxivId}) is not in the library and arXiv could not be asked for it (${detail}); nothing was kept` };
  }
  const paper = parsed.papers.find((entry) => entry.arxivId === arxivId);
  if (!paper) return { reason: `its paper (arXiv ${arxivId}) is not in the library and arXiv does not know that id; nothing was kept` };
  await library.importParsed({ ...parsed, papers: [paper], warnings: [], skipped: 0 }, ARXIV_SOURCE);
  await library.locate(arxivId);
  return { id: library.resolveId(arxivId) };
}
