import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAliases, PaperAliasStore } from '../../src/store/paper-aliases.ts';
import { DEVICE_ID_ENV } from '../../src/sync/device-identity.ts';
import { FolderCopier } from './folder-copier.ts';
import { tempDir } from './sync-harness.ts';

/* The ids papers moved from, recorded on two devices of a synced folder and carried by the copier. */

const saved = process.env[DEVICE_ID_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[DEVICE_ID_ENV];
  else process.env[DEVICE_ID_ENV] = saved;
});

function openAs(dataDir: string, deviceId: string): PaperAliasStore {
  process.env[DEVICE_ID_ENV] = deviceId;
  return PaperAliasStore.open(dataDir);
}

function syncedFolder(deviceId: string): string {
  const dir = tempDir('papershelf-aliases-sync-');
  mkdirSync(join(dir, 'sync', 'devices', deviceId), { recursive: true });
  return dir;
}

describe('paper aliases in a synced data folder', () => {
  it('keeps the moves both devices recorded offline, with no file written by both', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    // The folder's aliases from before the sync layout: read by both, written by neither.
    for (const dir of [a, b]) writeFileSync(join(dir, 'aliases.json'), encodeAliases(new Map([['t:old-one', '2601.00001']])));
    await openAs(a, 'laptop').record([{ from: 't:graph-zeppelins', to: '2606.99999' }]);
    await openAs(b, 'desktop').record([{ from: 't:lonely-paper', to: '2606.88888' }]);
    const copier = new FolderCopier(a, b);
    expect(copier.sync().conflicts).toEqual([]);
    expect(readFileSync(join(a, 'aliases.json'), 'utf8')).toBe(encodeAliases(new Map([['t:old-one', '2601.00001']])));
    for (const [dir, id] of [
      [a, 'laptop'],
      [b, 'desktop'],
    ] as const) {
      const store = openAs(dir, id);
      expect(store.resolve('t:graph-zeppelins')).toBe('2606.99999');
      expect(store.resolve('t:lonely-paper')).toBe('2606.88888');
      expect(store.resolve('t:old-one')).toBe('2601.00001');
      expect(existsSync(join(dir, 'sync', 'devices', id, 'aliases.json'))).toBe(true);
    }
  });

  it('follows a move recorded on one device from an id another device moved', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    await openAs(a, 'laptop').record([{ from: 't:a-paper', to: 't:a' }]);
    const copier = new FolderCopier(a, b);
    copier.sync();
    await openAs(b, 'desktop').record([{ from: 't:a', to: '2606.77777' }]);
    copier.sync();
    const laptop = openAs(a, 'laptop');
    expect(laptop.resolve('t:a-paper')).toBe('2606.77777');
    expect(laptop.aliasesOf('2606.77777')).toEqual(['t:a', 't:a-paper']);
  });

  it('reads a half-copied alias file of another device as it last was, and never repairs it', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    await openAs(a, 'laptop').record([{ from: 't:first', to: '2606.11111' }]);
    const copier = new FolderCopier(a, b);
    copier.sync();
    const desktop = openAs(b, 'desktop');
    expect(desktop.resolve('t:first')).toBe('2606.11111');
    await openAs(a, 'laptop').record([{ from: 't:second', to: '2606.22222' }]);
    const report = copier.sync({ halfCopy: (path) => path.endsWith('aliases.json') });
    expect(report.halfCopied).toEqual(['sync/devices/laptop/aliases.json']);
    const cut = readFileSync(join(b, 'sync/devices/laptop/aliases.json'), 'utf8');
    expect(desktop.resolve('t:first')).toBe('2606.11111');
    expect(desktop.problems).toEqual([]);
    expect(readFileSync(join(b, 'sync/devices/laptop/aliases.json'), 'utf8')).toBe(cut);
    copier.sync();
    expect(desktop.resolve('t:second')).toBe('2606.22222');
  });
});
