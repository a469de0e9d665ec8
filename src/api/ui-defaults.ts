/** The window's default state, for the window bundle (zod-free; see src/model/ui-state.ts). */
export { DEFAULT_UI_STATE, type UiStateShape } from '../model/ui-state.ts';
