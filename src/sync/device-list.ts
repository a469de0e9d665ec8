import { PapershelfError } from '../model/errors.ts';
import { resolveDeviceId } from './device-identity.ts';
import { isSyncLayout } from './sync-marker.ts';
import { SyncedLibrary } from './synced-library.ts';

/*
 * The devices of a synced library, for `papershelf devices` and the window: every device that made a
 * change, newest first, and retiring one (`forget`) into this device's snapshot.
 */

export interface DeviceListing {
  thisDevice: string;
  devices: Array<{ deviceId: string; lastChangeAt: string; thisDevice: boolean }>;
  problems: string[];
}

export interface ForgetReport {
  forgotten: string;
  removedFiles: number;
  snapshot: string | null;
}

async function openSynced(dataDir: string, env: NodeJS.ProcessEnv): Promise<SyncedLibrary> {
  if (!isSyncLayout(dataDir)) throw new PapershelfError('bad-input', 'this library is not synced between devices; `papershelf sync enable` moves it to the sync layout');
  return SyncedLibrary.open(dataDir, { deviceId: resolveDeviceId(dataDir, { env }) });
}

export async function listDevices(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<DeviceListing> {
  const synced = await openSynced(dataDir, env);
  try {
    const devices = synced.devices().map((device) => ({ deviceId: device.deviceId, lastChangeAt: device.lastChangeAt, thisDevice: device.deviceId === synced.deviceId }));
    return { thisDevice: synced.deviceId, devices, problems: synced.problems().map((problem) => problem.message) };
  } finally {
    synced.close();
  }
}

export async function forgetDevice(dataDir: string, deviceId: string, env: NodeJS.ProcessEnv = process.env): Promise<ForgetReport> {
  const synced = await openSynced(dataDir, env);
  try {
    if (!synced.devices().some((device) => device.deviceId === deviceId)) {
      throw new PapershelfError('not-found', `no device "${deviceId}" has changed this library (see \`papershelf devices\`)`);
    }
    let result;
    try {
      result = await synced.forget(deviceId);
    } catch (error) {
      throw new PapershelfError('bad-input', error instanceof Error ? error.message : String(error));
    }
    return { forgotten: deviceId, removedFiles: result.removed.length, snapshot: result.snapshot };
  } finally {
    synced.close();
  }
}
