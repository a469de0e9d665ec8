/**
 * A search that also looks inside the kept PDFs: the papers the query finds in the library, OR those
 * whose PDF it finds (fulltext-query.ts). A paper found both ways counts once, with the better of its
 * two scores (each is Lunr's BM25 over its own index); with another order than relevance, the
 * library's order. Only the top `offset + limit` of the library's hits are needed, plus how many of
 * the PDF hits outside them the library finds too — the PDFs are a few thousand, the library 100,000.
 */
import type { Page, SearchResultView } from '../../library/library.ts';
import type { PaperView } from '../../model/paper.ts';
import { parseSearch, type ParseOptions } from '../query/parse-search.ts';
import type { FulltextIndex } from './fulltext-index.ts';
import { fulltextTree, namesFulltext, rankFulltext } from './fulltext-query.ts';
import { pdfMatchOf, type PdfMatch } from './fulltext-snippet.ts';

export type { PdfMatch };

export type FulltextResultView = SearchResultView & { pdfMatch?: PdfMatch };

/** The library's own search, as the door answering has it. */
export interface OrdinarySearch<P extends Page<SearchResultView>> {
  /** The library's hits in the request's order; `only`: among these papers (and the request's filter). */
  search(offset: number, limit: number, only?: ReadonlySet<string>): P;
  /** Those of these papers the request's filter lets through, in the request's order (relevance: any). */
  listed(ids: ReadonlySet<string>): PaperView[];
  /** How many of these papers are in the library and pass the request's filter (no views made). */
  count(ids: ReadonlySet<string>): number;
}

export interface FulltextRequest extends ParseOptions {
  query: string;
  /** Unscoped words search inside PDFs too (`fulltext:` words always do). */
  fulltext?: boolean | undefined;
  offset: number;
  limit: number;
  ranked: boolean;
}

/** The query's tree for the full-text index, or null when the query does not search inside PDFs. */
function treeFor(request: FulltextRequest) {
  let root;
  try {
    root = parseSearch(request.query, request).root;
  } catch {
    // The library's own search gives the readable refusal.
    return null;
  }
  if (root === null || !(request.fulltext === true || namesFulltext(root))) return null;
  return fulltextTree(root, request.fulltext === true);
}

const byScore = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function searchWithFulltext<P extends Page<SearchResultView>>(request: FulltextRequest, ordinary: OrdinarySearch<P>, index: FulltextIndex): P | (Omit<P, 'results'> & { results: FulltextResultView[] }) {
  const { offset, limit } = request;
  const tree = treeFor(request);
  if (tree === null) return ordinary.search(offset, limit);
  const space = index.current();
  const found = space.size === 0 ? null : rankFulltext(space, tree, (id, phrase) => index.holdsPhrase(id, phrase));
  if (!found || found.ranked.length === 0) return ordinary.search(offset, limit);
  const wanted = offset + limit;
  const first = ordinary.search(0, wanted);
  const byId = new Map<string, FulltextResultView>(first.results.map((result) => [result.id, result]));
  const pdfScore = new Map(found.ranked.map((hit) => [hit.id, hit.score]));
  const outside = new Set(found.ranked.map((hit) => hit.id).filter((id) => !byId.has(id)));
  // Outside the library's top hits, a PDF hit ranks by its PDF score (its library score, if any, is
  // below the last of those hits); the library only says how many of them it finds itself.
  const extra = outside.size === 0 ? 0 : ordinary.count(outside) - ordinary.search(0, 1, outside).total;
  let results: FulltextResultView[];
  if (request.ranked) {
    // Views only for as many PDF hits as the page can show (the filter may drop some: ask for more).
    const ordered = found.ranked.filter((hit) => outside.has(hit.id)).map((hit) => hit.id);
    let taken = 0;
    let views = 0;
    while (views < wanted && taken < ordered.length) {
      const batch = ordered.slice(taken, taken + Math.max(wanted - views, 16) * 2);
      taken += batch.length;
      for (const view of ordinary.listed(new Set(batch))) {
        byId.set(view.id, { ...view, score: 0, matches: [] });
        views++;
      }
    }
    results = [...byId.values()].map((result) => ({ ...result, score: Math.max(result.score, pdfScore.get(result.id) ?? 0) }));
    results.sort(byScore);
  } else {
    const views = ordinary.listed(new Set([...byId.keys(), ...outside]));
    for (const view of views) if (!byId.has(view.id)) byId.set(view.id, { ...view, score: 0, matches: [] });
    const order = new Map(views.map((view, at) => [view.id, at]));
    results = [...byId.values()].map((result) => ({ ...result, score: Math.max(result.score, pdfScore.get(result.id) ?? 0) }));
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
  results = results.slice(offset, offset + limit);
  // The page's PDF hits the library finds too: its view, with the library's highlights and score.
  const shown = new Set(results.filter((result) => outside.has(result.id)).map((result) => result.id));
  if (shown.size > 0) {
    const own = new Map(ordinary.search(0, shown.size, shown).results.map((result) => [result.id, result]));
    results = results.map((result) => {
      const mine = own.get(result.id);
      return mine ? { ...mine, score: Math.max(mine.score, result.score) } : result;
    });
    if (request.ranked) results.sort(byScore);
  }
  results = results.map((result) => {
    if (!pdfScore.has(result.id)) return result;
    const pages = index.pages(result.id);
    const pdfMatch = pages ? pdfMatchOf(pages, found.terms, found.phrases) : null;
    return pdfMatch ? { ...result, pdfMatch } : result;
  });
  return { ...first, total: first.total + extra, results };
}
