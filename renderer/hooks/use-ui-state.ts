/**
 * What the window remembers between starts (query, view, sort, selection, pane sizes, theme): kept in
 * React state and written to the core a moment after it settles, and at once when the page goes away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PapershelfBridge, UiState } from '../api/types.ts';

export function useUiState(bridge: PapershelfBridge, initial: UiState, delayMs = 400) {
  const [ui, setUi] = useState(initial);
  const unsaved = useRef<UiState | null>(null);

  const flush = useCallback(() => {
    const state = unsaved.current;
    if (!state) return;
    unsaved.current = null;
    void bridge.saveUiState(state);
  }, [bridge]);

  useEffect(() => {
    if (ui === initial) return;
    unsaved.current = ui;
    const timer = setTimeout(flush, delayMs);
    return () => clearTimeout(timer);
  }, [ui, initial, flush, delayMs]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const update = useCallback((change: Partial<UiState>) => setUi((previous) => ({ ...previous, ...change })), []);
  return [ui, update] as const;
}
