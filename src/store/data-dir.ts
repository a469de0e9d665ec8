import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron derives `app.getPath('userData')` from the package's productName. */
export const PRODUCT_NAME = 'Papershelf';

function nonEmpty(value: string | null | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}

/**
 * The folder Electron's `app.getPath('userData')` returns for Papershelf, so the CLI, the browser
 * server and the desktop app share one library by default.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(nonEmpty(env.APPDATA) ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config'), PRODUCT_NAME);
}

/** `--data-dir`, else `PAPERSHELF_DATA_DIR`, else the per-user folder; created if missing. */
export function resolveDataDir(flag?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.PAPERSHELF_DATA_DIR) ?? defaultDataDir(env);
  const dir = resolve(chosen);
  mkdirSync(dir, { recursive: true });
  return dir;
}
