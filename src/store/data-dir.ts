import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DiskRefusedError, PapershelfError } from '../model/errors.ts';
import { ensurePrivateDir } from './disk-errors.ts';

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

/**
 * `--data-dir`, else `PAPERSHELF_DATA_DIR`, else the per-user folder; created if missing, readable by
 * the owner only (notes are private writing; an existing folder keeps its mode). A path that
 * names a file (or lies under one) is the user's error, said in one line.
 */
export function resolveDataDir(flag?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.PAPERSHELF_DATA_DIR) ?? defaultDataDir(env);
  const dir = resolve(chosen);
  try {
    ensurePrivateDir(dir);
  } catch (error) {
    if (error instanceof DiskRefusedError) throw new PapershelfError('bad-input', `cannot create the data folder ${chosen}: ${error.message.split(':')[0]}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const isFile = (() => {
        try {
          return !statSync(dir).isDirectory();
        } catch {
          return false;
        }
      })();
      throw new PapershelfError('bad-input', `cannot use ${chosen} as the data folder: ${isFile ? 'it is a file' : 'part of its path is a file'}`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new PapershelfError('bad-input', `cannot create the data folder ${chosen}: permission denied`);
    }
    throw error;
  }
  return dir;
}
