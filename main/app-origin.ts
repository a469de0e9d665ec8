/**
 * The window's own origin. The renderer is served from a custom scheme, not `file://`: a file: page
 * could read any file the user can, and every file: page shares one origin.
 */
export const APP_SCHEME = 'papershelf';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs of our own pages. Compared by scheme and host because Node's URL reports the origin
 * of non-special schemes as "null".
 */
export function isAppUrl(candidate: unknown): boolean {
  if (typeof candidate !== 'string') return false;
  try {
    const url = new URL(candidate);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
