import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuAction } from '../../src/api/bridge.ts';
import { buildMenuTemplate } from '../../main/menu.ts';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as unknown as () => void)();
}

describe('application menu', () => {
  it('sends every window command as a MenuAction', () => {
    const sent: MenuAction[] = [];
    const all = items(buildMenuTemplate({ isMac: false, devTools: false, send: (action) => sent.push(action) }));
    for (const item of all) if (item.click) click(item);
    expect(sent.sort()).toEqual(['export', 'find', 'import-file', 'paste-listing', 'shortcuts', 'toggle-theme']);
  });

  it('has the Import/Export (File), Find, View and Help menus, developer tools only in development', () => {
    const labels = (devTools: boolean) =>
      buildMenuTemplate({ isMac: false, devTools, send: () => {} }).map((item) => item.label ?? item.role);
    expect(labels(false)).toEqual(['File', 'editMenu', 'Find', 'View', 'windowMenu', 'help']);
    const roles = (devTools: boolean) => items(buildMenuTemplate({ isMac: false, devTools, send: () => {} })).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
    expect(buildMenuTemplate({ isMac: true, devTools: false, send: () => {} })[0]?.role).toBe('appMenu');
  });
});
