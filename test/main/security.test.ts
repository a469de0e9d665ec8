import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenWebContents } from '../../main/security.ts';
import { openExternalSafely } from '../../main/shell-operations.ts';

type Handler = (...args: unknown[]) => unknown;

/** The few WebContents methods security.ts uses, recording what was registered. */
function fakeContents() {
  const listeners = new Map<string, Handler>();
  let openHandler: Handler | null = null;
  const contents = {
    on: (name: string, listener: Handler) => void listeners.set(name, listener),
    setWindowOpenHandler: (handler: Handler) => void (openHandler = handler),
  };
  const opened: string[] = [];
  hardenWebContents(contents as unknown as WebContents, (url) => openExternalSafely({ openExternal: async (safe) => void opened.push(safe) }, url));
  const fire = (name: string, url?: string) => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { fire, opened, openWindow: (url: string) => openHandler?.({ url }) };
}

describe('window security', () => {
  it('blocks navigation away from our pages and sends only web links to the system browser', async () => {
    const { fire, opened } = fakeContents();
    expect(fire('will-navigate', 'papershelf://app/index.html')).toBe(false);
    expect(fire('will-navigate', 'https://arxiv.org/abs/2508.07662')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(fire('will-redirect', 'https://attacker.example/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual(['https://arxiv.org/abs/2508.07662']);
  });

  it('denies every new window, opening http(s) targets in the system browser instead', async () => {
    const { openWindow, opened } = fakeContents();
    expect(openWindow('https://github.com/x/y')).toEqual({ action: 'deny' });
    expect(openWindow('file:///home/user/.ssh/id_rsa')).toEqual({ action: 'deny' });
    expect(openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://github.com/x/y']);
  });

  it('denies every permission request and check', () => {
    const handlers: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => void (handlers.request = h),
      setPermissionCheckHandler: (h: Handler) => void (handlers.check = h),
      setDevicePermissionHandler: (h: Handler) => void (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      handlers.request!(null, permission, (answer: boolean) => (granted = answer), {});
      expect(granted).toBe(false);
      expect(handlers.check!(null, permission, 'papershelf://app', {})).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb' })).toBe(false);
  });
});
