import { useEffect, useState } from 'react';
import type { PapershelfBridge, UiState } from './api/types.ts';
import { Workspace } from './components/Workspace.tsx';

/**
 * Used only when the core cannot give the saved state (it answers with its own defaults otherwise);
 * kept here so the window bundle carries no zod.
 */
const FALLBACK_UI_STATE: UiState = {
  query: '',
  view: { kind: 'all', value: null },
  sort: 'date',
  selectedId: null,
  paneSizes: { sidebar: 220, list: 480 },
  theme: 'system',
};

/** Restores the saved window state first, so the list never flashes the default view. */
export function App({ bridge }: { bridge: PapershelfBridge }) {
  const [initial, setInitial] = useState<UiState | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.getUiState({}).then((answer) => {
      if (live) setInitial(answer.ok ? answer.value : FALLBACK_UI_STATE);
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  if (!initial) return <p className="boot muted">Opening the library…</p>;
  return <Workspace bridge={bridge} initialUi={initial} />;
}
