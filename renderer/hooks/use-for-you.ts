/**
 * The "For you" lists: the papers `recommend` ranks for the user, in rank order, through the same
 * paged list, selection and bulk paths as the library's views. While one is shown it replaces the
 * library list (`shown`); a search typed meanwhile goes back to the library. Change events reload
 * the rows in view (the paged list keeps its place and the selection), so a star, a tag or a
 * "Not interested" shows at once. The badge counts papers the latest refresh added that rank for
 * the user, until the view is opened.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { OperationInput, PapershelfBridge, ReadingStatus } from '../api/types.ts';
import { PagedList, type ListSnapshot, type ListSpec, type PageAnswer } from '../state/paged-list.ts';
import type { ForYouView, RecommendModel } from '../lib/for-you.ts';
import { useForYouBadge } from './use-for-you-badge.ts';

/** The For you list stops after this many papers: it is a reading list, not a second library. */
export const FOR_YOU_TOP = 200;
export const NOT_INTERESTED: ReadingStatus = 'dismissed';

/** What the list's header says about the model behind the shown list. */
export interface ForYouInfo {
  tag: string | null;
  model: RecommendModel;
}

export interface ForYouShown {
  view: ForYouView;
  info: ForYouInfo | null;
  list: PagedList;
  snapshot: ListSnapshot;
  partial: null;
  spec: ListSpec;
  /** The bridge selection asks for ids ("select all", ranges past the loaded rows): this list's ids. */
  bridge: PapershelfBridge;
}

interface DismissOptions {
  /** The existing bulk path: one applyChanges over the selected papers, one undo step. */
  setStatus(status: ReadingStatus | null): Promise<void>;
  /** Where the focused paper was in the list, so the focus can stay there once it leaves. */
  focusedIndex: number;
  moveTo(id: string, index: number): void;
}

function specOf(view: ForYouView): ListSpec {
  return { query: '', filter: view.tag === null ? {} : { tag: view.tag }, sort: 'relevance' };
}

function recommendInput(spec: ListSpec, offset: number, limit: number): OperationInput<'recommend'> {
  return { ...(spec.filter.tag ? { tag: spec.filter.tag } : {}), offset, limit };
}

/** A page of recommendations as a page of the list (the list shows the top FOR_YOU_TOP). */
async function fetchPage(bridge: PapershelfBridge, spec: ListSpec, offset: number, limit: number, onInfo: (info: ForYouInfo) => void): Promise<PageAnswer> {
  const want = Math.min(limit, FOR_YOU_TOP - offset);
  if (want <= 0) return { ok: true, value: { total: FOR_YOU_TOP, results: [] } };
  const answer = await bridge.recommend(recommendInput(spec, offset, want));
  if (!answer.ok) return answer;
  const { results, model, total } = answer.value;
  onInfo({ tag: spec.filter.tag ?? null, model });
  return { ok: true, value: { total: Math.min(total, FOR_YOU_TOP), results } };
}

function idsBridge(bridge: PapershelfBridge, spec: () => ListSpec): PapershelfBridge {
  const listIds: PapershelfBridge['listIds'] = async (input) => {
    const offset = input.offset ?? 0;
    const limit = Math.min(input.limit ?? FOR_YOU_TOP, FOR_YOU_TOP - offset);
    if (limit <= 0) return { ok: true, value: { total: 0, ids: [] } };
    const answer = await bridge.recommend(recommendInput(spec(), offset, limit));
    if (!answer.ok) return answer;
    const ids = answer.value.results.map((row) => row.id);
    return { ok: true, value: { total: Math.min(answer.value.total, FOR_YOU_TOP), ids } };
  };
  return new Proxy(bridge, {
    get(target, key) {
      if (key === 'listIds') return listIds;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function useForYou(bridge: PapershelfBridge, revision: number, query: string, papers: number | null) {
  const [view, setView] = useState<ForYouView | null>(null);
  const [info, setInfo] = useState<ForYouInfo | null>(null);
  // Each opening starts a list of its own: rows ranked before stars made meanwhile are not shown
  // first and then reshuffled. While open, the same list follows changes in place.
  const makeList = useCallback(() => new PagedList((spec, offset, limit) => fetchPage(bridge, spec, offset, limit, setInfo)), [bridge]);
  const [list, setList] = useState(makeList);
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const spec = useMemo(() => (view ? specOf(view) : null), [view]);
  const badge = useForYouBadge(bridge, papers, view !== null);
  const searching = query.trim() !== '';

  useEffect(() => {
    if (spec && !searching) void list.reload(spec);
  }, [list, spec, searching, revision]);

  const selectionBridge = useMemo(() => idsBridge(bridge, () => spec ?? specOf({ tag: null })), [bridge, spec]);

  const open = useCallback((next: ForYouView) => {
    setView(next);
    setInfo(null);
    setList(makeList());
  }, [makeList]);
  const close = useCallback(() => setView(null), []);

  const shown: ForYouShown | null =
    view && spec && !searching ? { view, info: info?.tag === view.tag ? info : null, list, snapshot, partial: null, spec, bridge: selectionBridge } : null;

  /** `x`: the selected papers are not interesting; in a For you list they leave it at once. */
  const dismiss = useCallback(
    async ({ setStatus, focusedIndex, moveTo }: DismissOptions) => {
      await setStatus(NOT_INTERESTED);
      if (!spec || searching) return;
      await list.reload(spec);
      const total = list.getSnapshot().total;
      if (focusedIndex < 0 || total === 0) return;
      const index = Math.min(focusedIndex, total - 1);
      const row = await list.rowAt(index);
      if (row) moveTo(row.id, index);
    },
    [list, spec, searching],
  );

  return { view, shown, open, close, dismiss, badge };
}

export type ForYouControls = ReturnType<typeof useForYou>;
