import { describe, expect, it } from 'vitest';
import { conflictTool } from '../../src/sync/conflict-names.ts';
import { classifyDeviceFolderEntry } from '../../src/sync/sync-layout.ts';
import { decodeDeviceFile, encodeDeviceFile } from '../../src/sync/update-file-codec.ts';

const NAME = 'u-0000018c2f3a-0000-1a2b3c4d.psy';
const STEM = 'u-0000018c2f3a-0000-1a2b3c4d';

describe('device file names', () => {
  it.each([
    [`${STEM}.sync-conflict-20260102-030405-ABCDEFG.psy`, 'syncthing'],
    [`${STEM}.psy.sync-conflict-20260102-030405-ABCDEFG`, 'syncthing'],
    [`${STEM} (conflicted copy 2026-01-02).psy`, 'dropbox'],
    [`${STEM} (Ann's conflicted copy 2026-01-02).psy`, 'dropbox'],
    [`${STEM} (Case Conflict).psy`, 'dropbox'],
    [`${STEM} (conflicted copy 2026-01-02 030405).psy`, 'nextcloud'],
    [`${STEM}_conflict-20260102-030405.psy`, 'owncloud'],
    [`${STEM}-DESKTOP-7Q2.psy`, 'onedrive'],
    [`${STEM} 2.psy`, 'icloud'],
    [`${STEM} (1).psy`, 'google-drive'],
  ])('recognises %s as a conflicted copy made by %s', (name, tool) => {
    expect(classifyDeviceFolderEntry(name)).toEqual({ type: 'conflicted-copy', name, original: NAME, tool });
  });

  it('tells its own files, its lock and temporary files apart from anything else', () => {
    expect(classifyDeviceFolderEntry(NAME).type).toBe('update');
    expect(classifyDeviceFolderEntry(NAME.replace(/^u/, 's')).type).toBe('snapshot');
    expect(classifyDeviceFolderEntry('write.lock').type).toBe('lock');
    expect(classifyDeviceFolderEntry(`${NAME}.tmp-123-abcdef`).type).toBe('temp');
    for (const other of ['.DS_Store', 'desktop.ini', '.syncthing.u-1.psy.tmp', 'notes.md']) expect(classifyDeviceFolderEntry(other).type).toBe('other');
    expect(conflictTool(' (weird)')).toBe('unknown');
  });
});

describe('device file records', () => {
  const records = [new Uint8Array([1, 2, 3]), new Uint8Array(1000).fill(7)];

  it('round-trips its records', () => {
    expect(decodeDeviceFile(encodeDeviceFile('snapshot', records))).toEqual({ ok: true, kind: 'snapshot', records });
  });

  it('tells a file cut short at any byte from a whole one, keeping the whole records before the cut', () => {
    const bytes = encodeDeviceFile('update', records);
    for (let cut = 0; cut < bytes.length; cut++) {
      const decoded = decodeDeviceFile(bytes.subarray(0, cut));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok && decoded.problem === 'damaged') expect(decoded.records.length).toBeLessThanOrEqual(1);
    }
  });

  it('detects a flipped bit by its checksum', () => {
    const bytes = Buffer.from(encodeDeviceFile('update', records));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    expect(decodeDeviceFile(bytes)).toMatchObject({ ok: false, problem: 'damaged', reason: 'checksum mismatch' });
  });

  it('refuses a newer format as such, not as damage', () => {
    const bytes = Buffer.from(encodeDeviceFile('update', records));
    bytes.writeUInt8(2, 8);
    expect(decodeDeviceFile(bytes)).toEqual({ ok: false, problem: 'newer-format', format: 2 });
  });
});
