/**
 * The application menu. Commands that concern the library (import, export, find, shortcuts, theme)
 * are sent to the window as MenuAction values and handled there, so the menu and the keyboard
 * shortcuts run the very same code; the rest are Electron's standard roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../src/api/bridge.ts';

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools only in a development run, not in the packaged app. */
  devTools: boolean;
  send(action: MenuAction): void;
}

export function buildMenuTemplate({ isMac, devTools, send }: MenuOptions): MenuItemConstructorOptions[] {
  const action = (label: string, menuAction: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(menuAction),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        action('Import File…', 'import-file', 'CmdOrCtrl+O'),
        action('Paste Listing…', 'paste-listing', 'CmdOrCtrl+Shift+V'),
        { type: 'separator' },
        action('Export…', 'export', 'CmdOrCtrl+E'),
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    // The Edit roles are what make copy and paste work in text fields on macOS.
    { role: 'editMenu' },
    { label: 'Find', submenu: [action('Find Papers', 'find', 'CmdOrCtrl+F')] },
    {
      label: 'View',
      submenu: [
        action('Toggle Light/Dark Theme', 'toggle-theme', 'CmdOrCtrl+Shift+L'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [action('Keyboard Shortcuts', 'shortcuts', 'F1')] },
  );
  return template;
}
