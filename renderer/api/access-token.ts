/**
 * Browser mode's access token arrives once in the address (`?token=...`, printed by `papershelf
 * serve`). It is moved into sessionStorage and out of the address bar at once, so it does not linger
 * in history, bookmarks or screenshots; a reload of the same tab still finds it.
 */
const STORAGE_KEY = 'papershelf.token';

export function takeAccessToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
