import { useEffect, useState } from 'react';
import type { PapershelfBridge, UiState } from './api/types.ts';
import { DEFAULT_UI_STATE } from '../src/api/ui-defaults.ts';
import { ResponsiveLayout } from './components/ResponsiveLayout.tsx';
import { Workspace } from './components/Workspace.tsx';

/** Restores the saved window state first, so the list never flashes the default view. */
export function App({ bridge }: { bridge: PapershelfBridge }) {
  const [initial, setInitial] = useState<UiState | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.getUiState({}).then((answer) => {
      if (live) setInitial(answer.ok ? answer.value : DEFAULT_UI_STATE);
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  if (!initial) return <p className="boot muted">Opening the library…</p>;
  return (
    <ResponsiveLayout>
      <Workspace bridge={bridge} initialUi={initial} />
    </ResponsiveLayout>
  );
}
