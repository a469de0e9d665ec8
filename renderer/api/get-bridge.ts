/** The window talks to the core through exactly one object, whichever door it was opened through. */
import { takeAccessToken } from './access-token.ts';
import { createHttpBridge } from './http-bridge.ts';
import type { PapershelfBridge } from './types.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    papershelf?: PapershelfBridge;
  }
}

export function getBridge(win: Window = window): PapershelfBridge {
  return win.papershelf ?? createHttpBridge({ token: takeAccessToken(win) });
}
