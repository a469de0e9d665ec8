import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomicSync } from '../store/atomic-write.ts';
import { deviceIdProblem, isDeviceId, newDeviceId } from './device-id.ts';

/*
 * Which device this is must never travel with the synced folder: a sync tool would copy it to the other
 * machine, and two machines with one id would write the same files. So the id lives in the per-user
 * configuration folder of this machine, one per data folder (keyed by the folder's real path, so two
 * spellings of one folder are one device and a copied folder elsewhere is a new one).
 */

export const DEVICE_ID_ENV = 'PAPERSHELF_DEVICE_ID';
const PRODUCT_DIR = 'Papershelf';

export interface IdentityEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** The per-user configuration folder: `%APPDATA%`, `~/Library/Application Support` or `$XDG_CONFIG_HOME`. */
export function userConfigDir({ env = process.env, platform = process.platform, home }: IdentityEnvironment = {}): string {
  const homeDir = home ?? env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(homeDir, 'AppData', 'Roaming'), PRODUCT_DIR);
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', PRODUCT_DIR);
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(homeDir, '.config'), PRODUCT_DIR);
}

function realPathOf(dataDir: string): string {
  try {
    return realpathSync(dataDir);
  } catch {
    return resolve(dataDir);
  }
}

export function deviceIdentityPath(dataDir: string, environment: IdentityEnvironment = {}): string {
  const key = createHash('sha256').update(realPathOf(dataDir)).digest('hex').slice(0, 24);
  return join(userConfigDir(environment), 'devices', `${key}.json`);
}

export class DeviceIdError extends Error {}

function readStoredId(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as { deviceId?: unknown };
    if (isDeviceId(parsed.deviceId)) return parsed.deviceId;
  } catch {
    // Falls through to the error below: an unreadable identity must not silently become a new device.
  }
  throw new DeviceIdError(`the device identity ${path} is damaged; fix it or set ${DEVICE_ID_ENV}`);
}

/**
 * This machine's device id for `dataDir`: `PAPERSHELF_DEVICE_ID` when set, else the stored one, else a
 * new one stored now (so the first write of a device already has its final name).
 */
export function resolveDeviceId(dataDir: string, environment: IdentityEnvironment = {}): string {
  const env = environment.env ?? process.env;
  const override = env[DEVICE_ID_ENV];
  if (override !== undefined && override !== '') {
    const problem = deviceIdProblem(override);
    if (problem) throw new DeviceIdError(`${DEVICE_ID_ENV}: ${problem}`);
    return override;
  }
  const path = deviceIdentityPath(dataDir, environment);
  const stored = readStoredId(path);
  if (stored) return stored;
  const deviceId = newDeviceId();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const record = { deviceId, dataDir: realPathOf(dataDir), createdAt: new Date().toISOString() };
  // Written whole under a temporary name, then linked into place: link refuses an existing name, so
  // when two first runs race, both end up with the id of the one that linked first.
  const temp = `${path}.${process.pid}.new`;
  writeFileAtomicSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readStoredId(path) ?? deviceId;
}
