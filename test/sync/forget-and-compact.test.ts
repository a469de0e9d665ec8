import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceDir } from '../../src/sync/sync-layout.ts';
import { FolderCopier } from './folder-copier.ts';
import { openDevice, plain, tempDir, TestClock, twoMachines } from './sync-harness.ts';

function psyFiles(dataDir: string, deviceId: string): string[] {
  return existsSync(deviceDir(dataDir, deviceId)) ? readdirSync(deviceDir(dataDir, deviceId)).filter((name) => name.endsWith('.psy')) : [];
}

describe('compaction and retired devices', () => {
  it('forgets a retired device: same state on every device, its folder gone everywhere', async () => {
    const m = await twoMachines();
    const oldPhone = await openDevice(m.dirA, 'old-phone', m.clockA);
    await oldPhone.applyLocal([
      { type: 'star', paperId: 'p1', starred: true },
      { type: 'add-tag', paperId: 'p1', tag: 'from-phone' },
      { type: 'note', paperId: 'p1', text: 'Written on the old phone.' },
    ]);
    await oldPhone.applyLocal([{ type: 'status', paperId: 'p2', status: 'reading' }]);
    await m.b.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'Added on the desktop.' }]);
    await m.sync();
    const before = plain(m.a);
    expect(m.a.devices().map((d) => d.deviceId).sort()).toEqual(['desktop', 'old-phone']);

    const result = await m.a.forget('old-phone');
    expect(result.snapshot).not.toBeNull();
    expect(existsSync(deviceDir(m.dirA, 'old-phone'))).toBe(false);
    expect(plain(m.a)).toEqual(before);
    expect(m.a.devices().map((d) => d.deviceId)).toEqual(['laptop', 'desktop']);

    await m.sync();
    expect(existsSync(deviceDir(m.dirB, 'old-phone'))).toBe(false);
    expect(plain(m.b)).toEqual(before);
    // A device opened afresh from the folder alone sees the same library.
    const fresh = await openDevice(m.dirB, 'tablet');
    expect(plain(fresh)).toEqual(before);
    expect(fresh.devices().map((d) => d.deviceId)).not.toContain('old-phone');
  });

  it('refuses to forget itself', async () => {
    const m = await twoMachines();
    await expect(m.a.forget('laptop')).rejects.toThrow(/cannot forget itself/);
  });

  it('compacts a device folder into one snapshot once it holds many files, keeping every change', async () => {
    const dir = tempDir();
    const clock = new TestClock();
    const library = await openDevice(dir, 'laptop', clock, 8);
    for (let i = 0; i < 20; i++) {
      clock.advance();
      await library.applyLocal([{ type: 'append-note', paperId: 'p', text: `paragraph ${i}` }]);
    }
    expect(psyFiles(dir, 'laptop').length).toBeLessThanOrEqual(9);
    const reopened = await openDevice(dir, 'desktop');
    const note = reopened.state().notes.get('p') ?? '';
    for (let i = 0; i < 20; i++) expect(note).toContain(`paragraph ${i}`);
    expect(plain(reopened)).toEqual(plain(library));
  });

  it('moves a damaged file of its own folder to backups/ when compacting, never deleting it', async () => {
    const dir = tempDir();
    const library = await openDevice(dir, 'laptop');
    await library.applyLocal([{ type: 'star', paperId: 'p', starred: true }]);
    const damaged = join(deviceDir(dir, 'laptop'), 'u-0000018c2f3a-0000-1a2b3c4d.psy');
    const bytes = Buffer.from('PSHELFSY\u0001\u0001\u0000\u0000garbage', 'latin1');
    writeFileSync(damaged, bytes);
    const result = await library.compact();
    expect(result.setAside).toHaveLength(1);
    expect(existsSync(damaged)).toBe(false);
    expect(readFileSync(result.setAside[0] as string)).toEqual(bytes);
    expect(readdirSync(join(dir, 'backups')).some((name) => name.startsWith('u-0000018c2f3a-0000-1a2b3c4d.psy'))).toBe(true);
    expect(library.state().annotations.get('p')?.starred).toBe(true);
  });

  it('keeps changes another process of the same device wrote while compacting', async () => {
    const dir = tempDir();
    const first = await openDevice(dir, 'laptop');
    const second = await openDevice(dir, 'laptop');
    await first.applyLocal([{ type: 'add-tag', paperId: 'p', tag: 'one' }]);
    await Promise.all([second.applyLocal([{ type: 'add-tag', paperId: 'p', tag: 'two' }]), first.compact(), second.compact()]);
    const reader = await openDevice(dir, 'desktop');
    expect([...(reader.state().annotations.get('p')?.tags ?? [])].sort()).toEqual(['one', 'two']);
    // Copied to another machine, the folder means the same.
    const other = tempDir();
    new FolderCopier(dir, other).sync();
    expect(plain(await openDevice(other, 'tablet'))).toEqual(plain(reader));
  });

  it.skipIf(process.platform === 'win32')('writes device files 0600 in folders 0700', async () => {
    const dir = tempDir();
    const library = await openDevice(dir, 'laptop');
    await library.applyLocal([{ type: 'note', paperId: 'p', text: 'private words' }]);
    await library.compact();
    for (const folder of [join(dir, 'sync'), join(dir, 'sync', 'devices'), deviceDir(dir, 'laptop')]) expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = psyFiles(dir, 'laptop');
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(statSync(join(deviceDir(dir, 'laptop'), name)).mode & 0o777).toBe(0o600);
  });
});
