/**
 * Which layout a data folder's papers are in. A folder with `sync/` is synced between devices: each
 * device writes its segments and its manifest only under `sync/devices/<id>/papers/`, and the corpus
 * is the union of every device's (corpus-union.ts). Otherwise the papers are in `papers/` alone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDeviceId } from '../../sync/device-identity.ts';
import { SYNC_DIR } from '../../sync/sync-layout.ts';

export interface DeviceLayout {
  deviceId: string;
}

/** The device layout of `dataDir`, or null for a single-folder library. */
export function deviceLayoutOf(dataDir: string): DeviceLayout | null {
  if (!existsSync(join(dataDir, SYNC_DIR))) return null;
  return { deviceId: resolveDeviceId(dataDir) };
}

/** How the union names segments: `<device>/seg-0001`; the shared base `papers/` is `@papers`. */
export const BASE_SOURCE = '@papers';

export function qualifiedName(source: string, name: string): string {
  return `${source}/${name}`;
}

export function localName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('/') + 1);
}
