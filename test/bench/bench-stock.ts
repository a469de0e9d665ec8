/**
 * Stock Lunr, as an application would use it: one index built the standard way (`lunr(config)`,
 * default pipeline and metadata) over the same papers and fields, saved as JSON, loaded with
 * lunr.Index.load, queried with Index#search.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import lunr from 'lunr';
import type { StoredPaper } from '../../src/model/paper.ts';
import { memoryAfterGc, peakRssMB, readPapers, runQueries, timed, type QueryOutcome } from './bench-measure.ts';
import { stockQuery, type BenchQuery } from './query-set.ts';

export function buildStockIndex(papers: readonly StoredPaper[]): lunr.Index {
  return lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('abstract');
    this.field('authors');
    for (const paper of papers) this.add({ id: paper.id, title: paper.title, abstract: paper.abstract, authors: paper.authors.join(', ') });
  });
}

export function stockBuild(args: { papersFile: string; indexFile: string }) {
  const papers = readPapers(args.papersFile);
  const before = memoryAfterGc();
  const built = timed(() => buildStockIndex(papers));
  const buildPeakRssMB = peakRssMB();
  const serialized = timed(() => JSON.stringify(built.value));
  writeFileSync(args.indexFile, serialized.value);
  return { buildMs: built.ms, serializeMs: serialized.ms, indexBytes: Buffer.byteLength(serialized.value), buildPeakRssMB, heapBeforeMB: before.heapMB };
}

function search(index: lunr.Index, query: string) {
  const results = index.search(stockQuery(query));
  return { total: results.length, top: results.slice(0, 10).map((r) => ({ id: r.ref, score: r.score })) };
}

/** Run in a fresh process: `performance.now()` counts from the process start. */
export function stockServe(args: { papersFile: string; indexFile: string; queries: BenchQuery[] }) {
  const loaded = timed(() => lunr.Index.load(JSON.parse(readFileSync(args.indexFile, 'utf8'))));
  const index = loaded.value;
  search(index, args.queries[0]!.query);
  const firstQueryAt = performance.now();
  const indexOnly = memoryAfterGc();
  const queries = runQueries(args.queries, (query) => search(index, query));
  const papers = timed(() => readPapers(args.papersFile));
  const withPapers = memoryAfterGc();
  return {
    loadMs: loaded.ms,
    coldStartToQueryMs: firstQueryAt,
    heapIndexOnlyMB: indexOnly.heapMB,
    externalIndexOnlyMB: indexOnly.externalMB,
    papersLoadMs: papers.ms,
    heapWithPapersMB: withPapers.heapMB,
    externalWithPapersMB: withPapers.externalMB,
    rssMB: withPapers.rssMB,
    queries,
    peakRssMB: peakRssMB(),
    papers: papers.value.length,
  };
}

/** One query that may take stock Lunr minutes; the parent stops it after a while. */
export function stockQueryOnce(args: { indexFile: string; label: string; query: string }): QueryOutcome {
  const index = lunr.Index.load(JSON.parse(readFileSync(args.indexFile, 'utf8')));
  return runQueries([{ kind: args.label, query: args.query }], (query) => search(index, query), 1)[0]!;
}
