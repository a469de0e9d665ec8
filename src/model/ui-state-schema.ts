/** What the window remembers between starts (settings.json), validated. Unknown keys are dropped. */
import * as z from 'zod/mini';
import { SORT_KEYS, type UiStateShape } from './ui-state.ts';

const text = (max: number) => z.string().check(z.maxLength(max));

export const uiStateSchema = z.object({
  query: text(1000),
  view: z.object({
    kind: z.enum(['all', 'starred', 'status', 'tag', 'source']),
    value: z.nullable(text(200)),
  }),
  sort: z.enum(SORT_KEYS),
  selectedId: z.nullable(text(300)),
  paneSizes: z.object({
    sidebar: z.number().check(z.gte(120), z.lte(800)),
    list: z.number().check(z.gte(200), z.lte(2000)),
  }),
  theme: z.enum(['system', 'light', 'dark']),
});

export type UiState = z.infer<typeof uiStateSchema>;

// The zod-free shape in ui-state.ts and this schema must describe the same value.
type SameUiShape = [UiState] extends [UiStateShape] ? ([UiStateShape] extends [UiState] ? true : false) : false;
export const UI_STATE_SHAPES_AGREE: SameUiShape = true;
