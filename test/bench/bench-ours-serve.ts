/** Papershelf serving a library from a cold start: only what a search process loads. */
import { loadCorpus, stateEntries } from '../../src/search/corpus/corpus-loader.ts';
import { CorpusState } from '../../src/search/corpus/corpus-state.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { memoryAfterGc, peakRssMB, runQueries, timedAsync } from './bench-measure.ts';
import type { BenchQuery } from './query-set.ts';

function search(corpus: Corpus, query: string) {
  const page = corpus.search(query, { limit: 50 });
  return { total: page.total, top: page.hits.slice(0, 10).map((hit) => ({ id: hit.id, score: hit.score })) };
}

/** Run in a fresh process: `performance.now()` counts from the process start. */
export async function oursServe(args: { dataDir: string; queries: BenchQuery[]; pathological: Array<{ label: string; query: string }> }) {
  const modulesLoadedAt = performance.now();
  const corpus = await Corpus.open(args.dataDir, { progressive: true });
  const first = search(corpus, args.queries[0]!.query);
  const firstQueryAt = performance.now();
  const progressAtFirst = corpus.loading;
  await corpus.whenLoaded();
  search(corpus, args.queries[0]!.query);
  const fullQueryAt = performance.now();
  const memory = memoryAfterGc();
  const queries = runQueries(args.queries, (query) => search(corpus, query));
  const pathological = runQueries(
    args.pathological.map(({ label, query }) => ({ kind: label, query })),
    (query) => search(corpus, query),
    1,
  );
  return {
    modulesLoadedAtMs: modulesLoadedAt,
    coldStartToFirstQueryMs: firstQueryAt,
    firstQueryTotal: first.total,
    segmentsAtFirstQuery: progressAtFirst ? `${progressAtFirst.segmentsLoaded}/${progressAtFirst.segments}` : 'all',
    papersAtFirstQuery: progressAtFirst?.papersLoaded ?? corpus.size,
    coldStartToFullQueryMs: fullQueryAt,
    heapMB: memory.heapMB,
    externalMB: memory.externalMB,
    rssMB: memory.rssMB,
    papers: corpus.size,
    segments: corpus.segmentCount,
    queries,
    pathological,
    peakRssMB: peakRssMB(),
  };
}

/** The heap of the indexes alone, as the search worker holds them (no paper bodies). */
export async function oursIndexOnly(args: { dataDir: string }) {
  const problems: string[] = [];
  const loaded = await timedAsync(() => loadCorpus(args.dataDir, new Map(), problems, false));
  const state = new CorpusState(stateEntries(loaded.value));
  const memory = memoryAfterGc();
  return { loadMs: loaded.ms, papers: state.size, heapMB: memory.heapMB, externalMB: memory.externalMB, problems };
}

/**
 * The search worker of the doors with a window: indexes in memory, papers read from their files,
 * phrase term numbers prepared in the background (timed here), then the query set with the page's
 * papers read as the worker reads them to answer.
 */
export async function oursWorker(args: { dataDir: string; queries: BenchQuery[] }) {
  const { IndexOnlyCorpus } = await import('../../src/search/corpus/index-only-corpus.ts');
  const index = await IndexOnlyCorpus.open(args.dataDir, false, { preparePhrases: true });
  const prepared = await timedAsync(() => index.phrasesPrepared());
  const memory = memoryAfterGc();
  const queries = runQueries(args.queries, (query) => {
    const page = index.search(query, { offset: 0, limit: 50 });
    for (const hit of page.page) index.paper(hit.id);
    return { total: page.total, top: page.page.slice(0, 10).map((hit) => ({ id: hit.id, score: hit.score })) };
  });
  index.close();
  return { prepareMs: prepared.ms, heapMB: memory.heapMB, externalMB: memory.externalMB, queries };
}
