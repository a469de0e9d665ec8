/**
 * Which order the list shows: with a query, relevance unless another order was chosen while
 * searching; without one, the list's own order (never relevance, which needs a query).
 */
import type { SortKey } from '../api/types.ts';

export function listOrder(query: string, chosenForQuery: SortKey | null, listSort: SortKey): SortKey {
  if (query.trim() !== '') return chosenForQuery ?? 'relevance';
  return listSort === 'relevance' ? 'date' : listSort;
}
