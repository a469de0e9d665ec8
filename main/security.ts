/**
 * DESIGN.md's rules for the window, applied in one place: the window never navigates away from our
 * own pages, never opens another Electron window, and no web permission (camera, notifications,
 * clipboard reads, ...) is ever granted. Links to the web go to the system browser, http(s) only.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';

/** Opens a URL in the system browser if the shared rule allows it (see shell-operations.ts). */
export type OpenExternal = (url: string) => Promise<boolean>;

export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  // A plain link click or a script changing `location`: stay on our pages, send web links outside.
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
