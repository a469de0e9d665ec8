/**
 * The ids of a list or a search, in the order the window shows them: what "select all" selects
 * (every paper of the view, not just the rows loaded), and the rows of a Shift range not loaded yet.
 */
import type { Library, PageRequest } from './library.ts';

export function listIds(
  library: Library,
  query: string | undefined,
  request: PageRequest & { prefixLast?: boolean | undefined },
): { total: number; ids: string[] } {
  const limit = request.limit ?? Number.MAX_SAFE_INTEGER;
  const page = query?.trim() ? library.search(query, { ...request, limit }) : library.listPapers({ ...request, limit });
  return { total: page.total, ids: page.results.map((paper) => paper.id) };
}
