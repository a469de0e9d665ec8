/**
 * The contract's `search` on a Library (the CLI, and the doors when no search worker runs), with
 * the kept PDFs searched too when the query asks (`fulltext: true`, or a `fulltext:` word). The
 * index is first brought up to date with `pdfs/` (in a worker thread): a PDF kept since the last
 * search is searchable at once.
 */
import type { Library, Page, SearchResultView } from '../../library/library.ts';
import type { ListFilter, SortKey } from '../../library/paper-view.ts';
import { FulltextIndex } from './fulltext-index.ts';
import { searchWithFulltext, type FulltextResultView } from './fulltext-merge.ts';
import { updateFulltextIndex } from './fulltext-updater.ts';

export interface LibrarySearchInput {
  query: string;
  sort?: SortKey | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  prefixLast?: boolean | undefined;
  fulltext?: boolean | undefined;
}

const indexes = new Map<string, FulltextIndex>();

export function fulltextIndexOf(dataDir: string): FulltextIndex {
  let index = indexes.get(dataDir);
  if (!index) indexes.set(dataDir, (index = new FulltextIndex(dataDir)));
  return index;
}

function within(filter: ReadonlySet<string> | undefined, only: ReadonlySet<string>): Set<string> {
  return new Set(filter ? [...only].filter((id) => filter.has(id)) : only);
}

/** What may name `fulltext:` is searched inside PDFs only then; a plain query never waits for them. */
const mayNameFulltext = (query: string) => /fulltext:/i.test(query);

export async function searchLibrary(library: Library, input: LibrarySearchInput, filter: ListFilter): Promise<Page<FulltextResultView>> {
  const { query, sort, prefixLast } = input;
  const ordinary = {
    search: (offset: number, limit: number, only?: ReadonlySet<string>) =>
      library.search(query, { ...filter, ids: only ? within(filter.ids, only) : filter.ids, sort, offset, limit, prefixLast }),
    listed: (ids: ReadonlySet<string>) =>
      library.listPapers({ ...filter, ids: within(filter.ids, ids), sort: sort === undefined || sort === 'relevance' ? 'date' : sort, limit: Math.max(1, ids.size) }).results,
    count: (ids: ReadonlySet<string>) => library.listPapers({ ...filter, ids: within(filter.ids, ids), limit: 1 }).total,
  };
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 50;
  if (input.fulltext !== true && !mayNameFulltext(query)) return ordinary.search(offset, limit);
  const index = fulltextIndexOf(library.dataDir);
  if (index.isStale()) await updateFulltextIndex(library.dataDir);
  const ranked = sort === undefined || sort === 'relevance';
  return searchWithFulltext<Page<SearchResultView>>({ query, fulltext: input.fulltext, prefixLast, offset, limit, ranked }, ordinary, index);
}

/** Kept PDFs a search inside PDFs cannot look into, and why (for the CLI to say so). */
export function unsearchablePdfs(dataDir: string): Array<{ id: string; reason: string }> {
  return fulltextIndexOf(dataDir).unsearchable();
}

export function unsearchableLine(pdfs: ReadonlyArray<{ id: string; reason: string }>): string | null {
  if (pdfs.length === 0) return null;
  const shown = pdfs.slice(0, 5).map(({ id, reason }) => `${id} (${reason})`);
  const more = pdfs.length > shown.length ? `, and ${pdfs.length - shown.length} more` : '';
  return `${pdfs.length} kept PDF${pdfs.length === 1 ? '' : 's'} cannot be searched inside: ${shown.join(', ')}${more}`;
}
