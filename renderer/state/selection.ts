/**
 * Which papers of the list are selected. The focused row (the one the detail pane and single-paper
 * keys follow) is always selected; the anchor is where Shift+click and Shift+j/k ranges start. A
 * range replaces the previous range but keeps what was selected before the anchor was set, as in
 * file managers and Zotero. Ranges arrive as ids: the list is paged, so the caller resolves them.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** The focused paper and its row. */
  readonly focus: { readonly id: string; readonly index: number } | null;
  /** Row index ranges start from. */
  readonly anchor: number | null;
  /** What stays selected beside the current range. */
  readonly base: ReadonlySet<string>;
}

export type SelectionAction =
  /** A plain click or move: this paper alone. */
  | { type: 'select'; id: string; index: number }
  /** Ctrl/Cmd+click: adds or removes one paper; it becomes the anchor. */
  | { type: 'toggle'; id: string; index: number }
  /** Shift+click, Shift+j/k: from the anchor to `index`; `rangeIds` are the rows in between, both ends included. */
  | { type: 'extend'; id: string; index: number; rangeIds: readonly string[] }
  /** Ctrl/Cmd+A: every paper of the current list. */
  | { type: 'all'; ids: readonly string[] }
  /** Escape: back to the focused paper alone. */
  | { type: 'collapse' }
  /** Nothing selected (the focused paper left the list). */
  | { type: 'clear' }
  /** The list changed (papers left the view): only the selected papers still in `ids` stay selected. */
  | { type: 'retain'; ids: ReadonlySet<string> };

export const EMPTY_SELECTION: Selection = { ids: new Set(), focus: null, anchor: null, base: new Set() };

export function selectionReducer(state: Selection, action: SelectionAction): Selection {
  switch (action.type) {
    case 'select':
      if (state.ids.size === 1 && state.focus?.id === action.id && state.focus.index === action.index) return state;
      return { ids: new Set([action.id]), focus: { id: action.id, index: action.index }, anchor: action.index, base: new Set() };
    case 'toggle': {
      const ids = new Set(state.ids);
      if (ids.has(action.id)) ids.delete(action.id);
      else ids.add(action.id);
      // Removing the focused paper moves the focus to another selected one, or to none.
      const focus = ids.has(action.id) ? { id: action.id, index: action.index } : refocus(state.focus, ids);
      return { ids, focus, anchor: action.index, base: new Set(ids) };
    }
    case 'extend': {
      if (state.anchor === null) return selectionReducer(state, { type: 'select', id: action.id, index: action.index });
      const ids = new Set(state.base);
      for (const id of action.rangeIds) ids.add(id);
      ids.add(action.id);
      return { ...state, ids, focus: { id: action.id, index: action.index } };
    }
    case 'all': {
      const ids = new Set(action.ids);
      if (state.focus) ids.add(state.focus.id);
      return { ...state, ids, base: ids };
    }
    case 'collapse':
      if (!state.focus) return EMPTY_SELECTION;
      return { ids: new Set([state.focus.id]), focus: state.focus, anchor: state.focus.index, base: new Set() };
    case 'clear':
      return state.ids.size === 0 && state.focus === null ? state : EMPTY_SELECTION;
    case 'retain': {
      const ids = new Set([...state.ids].filter((id) => action.ids.has(id)));
      if (ids.size === state.ids.size) return state;
      const base = new Set([...state.base].filter((id) => action.ids.has(id)));
      const focus = refocus(state.focus, ids);
      return { ids, focus, anchor: focus === state.focus ? state.anchor : null, base };
    }
  }
}

function refocus(focus: Selection['focus'], ids: ReadonlySet<string>): Selection['focus'] {
  if (focus && ids.has(focus.id)) return focus;
  const next = ids.values().next();
  // The index of another selected paper is not known here; -1 says "look it up in the list".
  return next.done ? null : { id: next.value, index: -1 };
}

/** Several papers selected: bulk actions apply. */
export function isMulti(selection: Selection): boolean {
  return selection.ids.size > 1;
}

/** Row indices from `a` to `b`, both included, in ascending order. */
export function rangeBounds(a: number, b: number): { first: number; last: number } {
  return a <= b ? { first: a, last: b } : { first: b, last: a };
}
