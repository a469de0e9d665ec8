import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceDir } from '../../src/sync/sync-layout.ts';
import { encodeDeviceFile } from '../../src/sync/update-file-codec.ts';
import { FolderCopier } from './folder-copier.ts';
import { openDevice, plain, tempDir, twoMachines } from './sync-harness.ts';

/* Whatever a sync tool leaves behind is absorbed: nothing blocks opening, no acknowledged change is lost. */

function deviceFiles(dataDir: string, deviceId: string): string[] {
  return readdirSync(deviceDir(dataDir, deviceId)).filter((name) => name.endsWith('.psy')).sort();
}

describe('files a sync tool leaves behind', () => {
  it('skips a half-copied file with a report, then reads it once the copy completes', async () => {
    const m = await twoMachines();
    await m.a.applyLocal([{ type: 'note', paperId: 'p1', text: 'A long paragraph. '.repeat(50) }]);
    const report = m.copier.sync({ halfCopy: (path) => path.includes('/laptop/') });
    expect(report.halfCopied).toHaveLength(1);
    await m.b.refresh();
    expect(m.b.state().notes.has('p1')).toBe(false);
    expect(m.b.problems()).toEqual([expect.objectContaining({ kind: 'damaged', folder: 'laptop' })]);
    // The library keeps working meanwhile.
    await m.b.applyLocal([{ type: 'star', paperId: 'p1', starred: true }]);
    await m.sync();
    expect(m.b.problems()).toEqual([]);
    expect(m.b.state().notes.get('p1')).toBe('A long paragraph. '.repeat(50));
    expect(plain(m.a)).toEqual(plain(m.b));
  });

  it('reads both versions when the copier made a conflicted copy of a device file', async () => {
    // Both machines hold a file of the same name with different changes (a folder restored from a
    // backup on both sides): the copier keeps one under the name and the other as a conflicted copy.
    const m = await twoMachines();
    const other = tempDir();
    const side = await openDevice(other, 'laptop');
    await side.applyLocal([{ type: 'add-tag', paperId: 'p9', tag: 'from-b' }]);
    await m.a.applyLocal([{ type: 'star', paperId: 'p9', starred: true }]);
    const [name] = deviceFiles(m.dirA, 'laptop');
    const [otherName] = deviceFiles(other, 'laptop');
    mkdirSync(deviceDir(m.dirB, 'laptop'), { recursive: true });
    copyFileSync(join(deviceDir(other, 'laptop'), otherName as string), join(deviceDir(m.dirB, 'laptop'), name as string));
    const report = m.copier.sync();
    expect(report.conflicts).toEqual([`sync/devices/laptop/${name}`]);
    await m.a.refresh();
    await m.b.refresh();
    for (const device of [m.a, m.b]) {
      expect(device.state().annotations.get('p9')).toMatchObject({ starred: true, tags: ['from-b'] });
      expect(device.problems()).toEqual([]);
    }
    expect(plain(m.a)).toEqual(plain(m.b));
  });

  it('reads Syncthing, Dropbox, Nextcloud, OneDrive and iCloud copies of a device file as extra sources', async () => {
    const source = tempDir();
    const writer = await openDevice(source, 'phone');
    const names = [
      'u-0000018c2f3a-0000-1a2b3c4d.sync-conflict-20260102-030405-ABCDEFG.psy',
      "u-0000018c2f3a-0001-1a2b3c4d (Ann's conflicted copy 2026-01-02).psy",
      'u-0000018c2f3a-0002-1a2b3c4d (conflicted copy 2026-01-02 030405).psy',
      'u-0000018c2f3a-0003-1a2b3c4d-DESKTOP-7Q2.psy',
      'u-0000018c2f3a-0004-1a2b3c4d 2.psy',
    ];
    for (const i of names.keys()) await writer.applyLocal([{ type: 'add-tag', paperId: 'p', tag: `t${i}` }]);
    const written = deviceFiles(source, 'phone');
    expect(written).toHaveLength(names.length);
    // Only the conflicted names carry these changes: the originals are not there.
    const target = tempDir();
    const folder = deviceDir(target, 'phone');
    mkdirSync(folder, { recursive: true });
    for (const [i, name] of names.entries()) copyFileSync(join(deviceDir(source, 'phone'), written[i] as string), join(folder, name));
    const reader = await openDevice(target, 'desk');
    expect(reader.problems()).toEqual([]);
    expect(reader.state().annotations.get('p')?.tags).toEqual(['t0', 't1', 't2', 't3', 't4']);
  });

  it('merges files that arrive out of order, a later text edit before the text it edits', async () => {
    const dirA = tempDir();
    const a = await openDevice(dirA, 'laptop');
    await a.applyLocal([{ type: 'note', paperId: 'p', text: 'first' }]);
    await a.applyLocal([{ type: 'append-note', paperId: 'p', text: 'second' }]);
    await a.applyLocal([{ type: 'note', paperId: 'p', text: 'first, edited\n\nsecond' }]);
    const dirB = tempDir();
    const copier = new FolderCopier(dirA, dirB);
    const b = await openDevice(dirB, 'desktop');
    const files = deviceFiles(dirA, 'laptop').reverse();
    for (const [i, file] of files.entries()) {
      copier.sync({ only: (path) => path.endsWith(file) });
      await b.refresh();
      if (i < files.length - 1) expect(b.state().notes.get('p')).not.toBe('first, edited\n\nsecond');
    }
    expect(b.state().notes.get('p')).toBe('first, edited\n\nsecond');
  });

  it('never waits for a write.lock left in another device folder, even one held by a live process', async () => {
    const m = await twoMachines();
    await m.b.applyLocal([{ type: 'star', paperId: 'p', starred: true }]);
    await m.sync();
    const lock = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: 'x' };
    writeFileSync(join(deviceDir(m.dirA, 'desktop'), 'write.lock'), JSON.stringify(lock));
    const started = Date.now();
    await m.a.applyLocal([{ type: 'add-tag', paperId: 'p', tag: 'x' }]);
    await m.a.compact();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(m.a.state().annotations.get('p')).toMatchObject({ starred: true, tags: ['x'] });
  });

  it('reports a file from a newer Papershelf without touching it, and still opens', async () => {
    const dir = tempDir();
    const folder = deviceDir(dir, 'future');
    mkdirSync(folder, { recursive: true });
    const bytes = Buffer.from(encodeDeviceFile('update', [new Uint8Array([1, 2, 3])]));
    bytes.writeUInt8(9, 8);
    const path = join(folder, 'u-0000018c2f3a-0000-1a2b3c4d.psy');
    writeFileSync(path, bytes);
    const library = await openDevice(dir, 'laptop');
    expect(library.problems()).toEqual([expect.objectContaining({ kind: 'newer-format', folder: 'future' })]);
    await library.applyLocal([{ type: 'star', paperId: 'p', starred: true }]);
    await library.compact();
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('opens despite a whole file whose changes Yjs cannot decode, and reports it', async () => {
    const m = await twoMachines();
    await m.b.applyLocal([{ type: 'star', paperId: 'p', starred: true }]);
    const folder = deviceDir(m.dirB, 'desktop');
    writeFileSync(join(folder, 'u-0000018c2f3a-0000-1a2b3c4d.psy'), encodeDeviceFile('update', [new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 15])]));
    m.copier.sync();
    const fresh = await openDevice(m.dirA, 'tablet');
    expect(fresh.state().annotations.get('p')?.starred).toBe(true);
    expect(fresh.problems()).toEqual([expect.objectContaining({ kind: 'damaged', folder: 'desktop', name: 'u-0000018c2f3a-0000-1a2b3c4d.psy' })]);
    // Its own device sets it aside when compacting, keeping its bytes, and keeps every change.
    const result = await m.b.compact();
    expect(result.setAside).toHaveLength(1);
    expect(m.b.state().annotations.get('p')?.starred).toBe(true);
  });
});
