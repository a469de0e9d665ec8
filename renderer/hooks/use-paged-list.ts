/**
 * Binds a PagedList to the bridge and to React; reloads on a new spec and on library changes.
 * `partial` is set while the core answered from part of the library (older segments still loading).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { PapershelfBridge } from '../api/types.ts';
import { PagedList, specKey, type ListSnapshot, type ListSpec } from '../state/paged-list.ts';

export function usePagedList(bridge: PapershelfBridge, spec: ListSpec, revision: number) {
  const list = useMemo(
    () =>
      new PagedList((page, offset, limit) => {
        const base = { ...page.filter, sort: page.sort, offset, limit };
        // As-you-type: the last word also matches as a prefix, unless a space after it closes it.
        return page.query.trim() ? bridge.search({ ...base, query: page.query, prefixLast: true }) : bridge.listPapers(base);
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
  return { list, snapshot, partial: snapshot.partial };
}

/**
 * A query saved at the last start that the core now refuses (a half-typed `title:`) is not kept:
 * once its answer comes back as a query error, `forget` runs, once.
 */
export function useForgetInvalidRestoredQuery(restored: string, snapshot: ListSnapshot, forget: () => void) {
  const pending = useRef(restored.trim() !== '');
  const latest = useRef(forget);
  useLayoutEffect(() => {
    latest.current = forget;
  });
  useEffect(() => {
    if (!pending.current) return;
    if (snapshot.error) {
      pending.current = false;
      if (snapshot.error.code === 'bad-query') latest.current();
    } else if (snapshot.specKey !== null && (JSON.parse(snapshot.specKey) as unknown[])[0] === restored.trim()) {
      pending.current = false;
    }
  }, [snapshot, restored]);
}
