/**
 * The only place BrowserWindow options are written. DESIGN.md's secure defaults are spelled out, not
 * left to Electron's defaults, so a future Electron changing a default cannot weaken them, and a unit
 * test pins every value.
 */
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window imports it; it must never navigate the window to that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export interface WindowLook {
  bounds: Partial<Rectangle> | null;
  dark: boolean;
}

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

export function mainWindowOptions(preloadPath: string, look: WindowLook): BrowserWindowConstructorOptions {
  return {
    width: look.bounds?.width ?? 1280,
    height: look.bounds?.height ?? 820,
    ...(look.bounds?.x === undefined || look.bounds.y === undefined ? {} : { x: look.bounds.x, y: look.bounds.y }),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Papershelf',
    // Painted in the theme's color until the first frame, so the window never flashes white in dark mode.
    backgroundColor: look.dark ? '#16181d' : '#ffffff',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
