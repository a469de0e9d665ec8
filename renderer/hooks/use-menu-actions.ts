/** Commands from the desktop application menu (never sent in browser mode). */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { MenuAction, PapershelfBridge } from '../api/types.ts';

export function useMenuActions(bridge: PapershelfBridge, handle: (action: MenuAction) => void): void {
  const latest = useRef(handle);
  useLayoutEffect(() => {
    latest.current = handle;
  });
  useEffect(() => bridge.onMenu((action) => latest.current(action)), [bridge]);
}
