/**
 * The list's multi-selection bound to the window: the focused paper is the UI state's `selectedId`
 * (the detail pane and the single-paper keys follow it); ranges and "select all" may reach rows
 * not loaded yet, whose ids the core lists (`listIds`) without sending the papers themselves.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { PapershelfBridge } from '../api/types.ts';
import type { ListSnapshot, ListSpec, PagedList } from '../state/paged-list.ts';
import { EMPTY_SELECTION, rangeBounds, selectionReducer, type Selection } from '../state/selection.ts';

export interface ClickModifiers {
  /** Shift: extend from the anchor. */
  range: boolean;
  /** Ctrl or Cmd: add or remove this one. */
  toggle: boolean;
}

interface SelectionOptions {
  bridge: PapershelfBridge;
  spec: ListSpec;
  snapshot: ListSnapshot;
  list: PagedList;
  focusedId: string | null;
  /** Makes `id` the focused paper (the UI state's selection). */
  focus: (id: string) => void;
  report: (message: string) => void;
}

const initial = (id: string | null): Selection => (id === null ? EMPTY_SELECTION : { ids: new Set([id]), focus: { id, index: -1 }, anchor: null, base: new Set() });

function idsQuery(spec: ListSpec) {
  return { ...spec.filter, sort: spec.sort, ...(spec.query.trim() ? { query: spec.query, prefixLast: true } : {}) };
}

export function useSelection({ bridge, spec, snapshot, list, focusedId, focus, report }: SelectionOptions) {
  const [selection, dispatch] = useReducer(selectionReducer, focusedId, initial);
  const latest = useRef({ selection, snapshot, spec });
  useEffect(() => {
    latest.current = { selection, snapshot, spec };
  });

  // The focus moved from elsewhere (a similar paper opened, the paper left the list): that paper alone.
  useEffect(() => {
    const current = latest.current.selection.focus?.id ?? null;
    if (focusedId === current) return;
    if (focusedId === null) dispatch({ type: 'clear' });
    else dispatch({ type: 'select', id: focusedId, index: latest.current.snapshot.indexOf(focusedId) });
  }, [focusedId]);

  // Another list (view, query, sort): what was selected in the old one is not carried over.
  useEffect(() => {
    dispatch({ type: 'collapse' });
  }, [snapshot.specKey]);

  // While several papers are selected, a list that shrinks or grows (a bulk unstar under "Starred",
  // a change elsewhere) is asked which of them it still shows: the others leave the selection.
  useEffect(() => {
    if (latest.current.selection.ids.size <= 1) return;
    let live = true;
    void bridge.listIds(idsQuery(latest.current.spec)).then((answer) => {
      if (!live || !answer.ok) return;
      const before = latest.current.selection;
      const after = selectionReducer(before, { type: 'retain', ids: new Set(answer.value.ids) });
      if (after === before) return;
      dispatch({ type: 'retain', ids: new Set(answer.value.ids) });
      if (after.focus && after.focus.id !== before.focus?.id) focus(after.focus.id);
    });
    return () => {
      live = false;
    };
  }, [bridge, focus, snapshot.total]);

  const indexOfFocus = () => {
    const { selection: now, snapshot: rows } = latest.current;
    if (!now.focus) return -1;
    const found = rows.indexOf(now.focus.id);
    return found >= 0 ? found : now.focus.index;
  };

  /** Ids of rows `first`..`last` of the current list; loaded rows answer at once. */
  const rangeIds = useCallback(
    async (first: number, last: number): Promise<string[] | null> => {
      const { snapshot: rows, spec: current } = latest.current;
      const ids: string[] = [];
      for (let index = first; index <= last; index += 1) {
        const row = rows.row(index);
        if (!row) break;
        ids.push(row.id);
      }
      if (ids.length === last - first + 1) return ids;
      const answer = await bridge.listIds({ ...idsQuery(current), offset: first, limit: last - first + 1 });
      if (!answer.ok) {
        report(answer.error.message);
        return null;
      }
      return answer.value.ids;
    },
    [bridge, report],
  );

  const extendTo = useCallback(
    async (id: string, index: number) => {
      const anchor = latest.current.selection.anchor;
      if (anchor === null || anchor < 0) {
        dispatch({ type: 'select', id, index });
      } else {
        const { first, last } = rangeBounds(anchor, index);
        const ids = await rangeIds(first, last);
        if (ids) dispatch({ type: 'extend', id, index, rangeIds: ids });
      }
      focus(id);
    },
    [rangeIds, focus],
  );

  const click = useCallback(
    (id: string, index: number, modifiers: ClickModifiers) => {
      if (modifiers.range) return void extendTo(id, index);
      if (modifiers.toggle) {
        dispatch({ type: 'toggle', id, index });
        const next = selectionReducer(latest.current.selection, { type: 'toggle', id, index });
        if (next.focus && next.focus.id !== latest.current.selection.focus?.id) focus(next.focus.id);
        return;
      }
      dispatch({ type: 'select', id, index });
      focus(id);
    },
    [extendTo, focus],
  );

  /** Shift+j/k: moves the focus one row and extends the selection to it. */
  const extendBy = useCallback(
    async (delta: number) => {
      const from = indexOfFocus();
      const total = latest.current.snapshot.total;
      const target = Math.min(Math.max((from < 0 ? -1 : from) + delta, 0), total - 1);
      if (target < 0 || target === from) return;
      const row = await list.rowAt(target);
      if (row) await extendTo(row.id, target);
    },
    [list, extendTo],
  );

  const selectAll = useCallback(async () => {
    const answer = await bridge.listIds(idsQuery(latest.current.spec));
    if (!answer.ok) return report(answer.error.message);
    dispatch({ type: 'all', ids: answer.value.ids });
  }, [bridge, report]);

  /** Escape: back to the focused paper alone; false when there was nothing to collapse. */
  const collapse = useCallback(() => {
    if (latest.current.selection.ids.size <= 1) return false;
    dispatch({ type: 'collapse' });
    return true;
  }, []);

  /** Plain moves (j/k, Home/End): the selection follows the focus. */
  const moveTo = useCallback(
    (id: string, index: number) => {
      dispatch({ type: 'select', id, index });
      focus(id);
    },
    [focus],
  );

  return { selection, click, extendBy, selectAll, collapse, moveTo };
}
