import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isAtomicTempFile } from '../store/atomic-write.ts';
import { conflictedCopyOf, type ConflictTool } from './conflict-names.ts';
import type { Hlc } from './hlc.ts';

/*
 * sync/devices/<deviceId>/        written only by that device
 *   u-<wall>-<counter>-<rand>.psy   one batch of changes (immutable once written)
 *   s-<wall>-<counter>-<rand>.psy   a compacted snapshot of that device's earlier files
 *   write.lock                      this device's own lock; never read by another device
 * The stamp in the name orders a device's files for people; readers do not depend on the order.
 */

export const SYNC_DIR = 'sync';
export const DEVICES_DIR = 'devices';
export const DEVICE_FILE_EXT = '.psy';
export const DEVICE_LOCK_NAME = 'write';
const STEM = /^[us]-[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{8}/;
const EXACT = /^([us])-[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{8}\.psy$/;

export function devicesRoot(dataDir: string): string {
  return join(dataDir, SYNC_DIR, DEVICES_DIR);
}

export function deviceDir(dataDir: string, deviceId: string): string {
  return join(devicesRoot(dataDir), deviceId);
}

export function deviceFileName(kind: 'update' | 'snapshot', stamp: Hlc): string {
  const wall = stamp.wall.toString(16).padStart(12, '0');
  const counter = stamp.counter.toString(16).padStart(4, '0');
  return `${kind === 'update' ? 'u' : 's'}-${wall}-${counter}-${randomBytes(4).toString('hex')}${DEVICE_FILE_EXT}`;
}

export type DeviceFolderEntry =
  | { type: 'update' | 'snapshot'; name: string }
  | { type: 'conflicted-copy'; name: string; original: string; tool: ConflictTool }
  | { type: 'lock' | 'temp' | 'other'; name: string };

export function classifyDeviceFolderEntry(name: string): DeviceFolderEntry {
  const exact = EXACT.exec(name);
  if (exact) return { type: exact[1] === 'u' ? 'update' : 'snapshot', name };
  if (name === `${DEVICE_LOCK_NAME}.lock`) return { type: 'lock', name };
  if (isAtomicTempFile(name)) return { type: 'temp', name };
  const copy = conflictedCopyOf(name, STEM, DEVICE_FILE_EXT);
  if (copy) return { type: 'conflicted-copy', name, original: copy.original, tool: copy.tool };
  return { type: 'other', name };
}
