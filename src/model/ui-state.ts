/**
 * The window's state before anything was saved. Kept free of zod so the window bundle can import it;
 * `uiStateSchema` (ui-state-schema.ts) is its validator.
 */
export const SORT_KEYS = ['relevance', 'date', 'upvotes', 'title', 'added'] as const;

export interface UiStateShape {
  query: string;
  view: { kind: 'all' | 'starred' | 'status' | 'tag' | 'source'; value: string | null };
  sort: (typeof SORT_KEYS)[number];
  selectedId: string | null;
  paneSizes: { sidebar: number; list: number };
  theme: 'system' | 'light' | 'dark';
}

export const DEFAULT_UI_STATE: UiStateShape = {
  query: '',
  view: { kind: 'all', value: null },
  sort: 'date',
  selectedId: null,
  paneSizes: { sidebar: 220, list: 480 },
  theme: 'system',
};
