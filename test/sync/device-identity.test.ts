import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceIdProblem, isDeviceId, newDeviceId } from '../../src/sync/device-id.ts';
import { deviceIdentityPath, resolveDeviceId, userConfigDir } from '../../src/sync/device-identity.ts';
import { tempDir } from './sync-harness.ts';

describe('device identity', () => {
  it('lives in the per-user configuration folder of each platform, outside the data folder', () => {
    expect(userConfigDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/config' }, home: '/home/u' })).toBe('/x/config/Papershelf');
    expect(userConfigDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, home: '/home/u' })).toBe('/home/u/.config/Papershelf');
    expect(userConfigDir({ platform: 'darwin', env: {}, home: '/Users/u' })).toBe('/Users/u/Library/Application Support/Papershelf');
    expect(userConfigDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, home: 'C:\\Users\\u' })).toContain('Roaming');
  });

  it('is created once per data folder and stays the same; another data folder is another device', () => {
    const config = tempDir();
    const env = { XDG_CONFIG_HOME: config };
    const data = tempDir();
    const first = resolveDeviceId(data, { env, platform: 'linux' });
    expect(isDeviceId(first)).toBe(true);
    expect(resolveDeviceId(data, { env, platform: 'linux' })).toBe(first);
    expect(resolveDeviceId(tempDir(), { env, platform: 'linux' })).not.toBe(first);
    const stored = deviceIdentityPath(data, { env, platform: 'linux' });
    expect(stored.startsWith(config)).toBe(true);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toMatchObject({ deviceId: first });
  });

  it('keys the identity by the real path, so a symlinked spelling of the folder is the same device', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const data = tempDir();
    const link = join(tempDir(), 'link');
    symlinkSync(data, link);
    expect(resolveDeviceId(link, { env, platform: 'linux' })).toBe(resolveDeviceId(data, { env, platform: 'linux' }));
  });

  it('takes PAPERSHELF_DEVICE_ID when set, and refuses an unsafe one', () => {
    const data = tempDir();
    const base = { XDG_CONFIG_HOME: tempDir() };
    expect(resolveDeviceId(data, { env: { ...base, PAPERSHELF_DEVICE_ID: 'lab-desktop' }, platform: 'linux' })).toBe('lab-desktop');
    for (const bad of ['../x', 'Laptop', 'con', 'a/b', 'x'.repeat(65), '-x']) {
      expect(() => resolveDeviceId(data, { env: { ...base, PAPERSHELF_DEVICE_ID: bad }, platform: 'linux' })).toThrow(/PAPERSHELF_DEVICE_ID/);
    }
  });

  it('refuses a damaged identity file instead of silently becoming a new device', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const data = tempDir();
    const path = deviceIdentityPath(data, { env, platform: 'linux' });
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{"deviceId": "Not Valid"}');
    expect(() => resolveDeviceId(data, { env, platform: 'linux' })).toThrow(/damaged/);
  });

  it('makes readable, file-name-safe new ids from any host name', () => {
    expect(newDeviceId('Ann’s MacBook Pro.local')).toMatch(/^ann-s-macbook-pro-local-[0-9a-f]{8}$/);
    expect(newDeviceId('CON')).toMatch(/^device-[0-9a-f]{8}$/);
    expect(newDeviceId('')).toMatch(/^device-[0-9a-f]{8}$/);
    expect(deviceIdProblem('ok-id')).toBeNull();
    expect(deviceIdProblem('NUL')).toMatch(/lower-case/);
    expect(deviceIdProblem('nul')).toMatch(/reserved/);
  });
});
