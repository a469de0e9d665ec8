/** Binds a PagedList to the bridge and to React; reloads on a new spec and on library changes. */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PapershelfBridge } from '../api/types.ts';
import { PagedList, specKey, type ListSpec } from '../state/paged-list.ts';

export function usePagedList(bridge: PapershelfBridge, spec: ListSpec, revision: number) {
  const list = useMemo(
    () =>
      new PagedList((page, offset, limit) => {
        const base = { ...page.filter, sort: page.sort, offset, limit };
        const query = page.query.trim();
        return query ? bridge.search({ ...base, query }) : bridge.listPapers(base);
      }),
    [bridge],
  );
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const key = specKey(spec);
  useEffect(() => {
    void list.reload(spec);
    // `key` stands for `spec`: a new object with the same content must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- spec is compared by its key
  }, [list, key, revision]);
  return { list, snapshot };
}
