/**
 * The window's state before anything was saved. Kept free of zod so the window bundle can import it;
 * `uiStateSchema` in schemas.ts is its validator.
 */
export interface UiStateShape {
  query: string;
  view: { kind: 'all' | 'starred' | 'status' | 'tag' | 'source'; value: string | null };
  sort: 'relevance' | 'date' | 'upvotes' | 'title' | 'added';
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
