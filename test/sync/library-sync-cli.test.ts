import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcess, type CliRun } from '../cli/run-cli.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { FolderCopier } from './folder-copier.ts';

/*
 * Two devices, each running the real `papershelf` on its own copy of one synced data folder, joined by
 * a Dropbox-like copier: what each does offline is on both after the copier has carried the files.
 */

interface Shown {
  starred: boolean;
  tags: string[];
  status: string | null;
  note: string | null;
}

function ok(run: CliRun): CliRun {
  expect(run.code, run.stderr).toBe(0);
  return run;
}

class Device {
  constructor(
    readonly dir: string,
    readonly id: string,
  ) {}

  run(...args: string[]): CliRun {
    return ok(cliProcess(this.dir, args, { env: { PAPERSHELF_DEVICE_ID: this.id } }));
  }

  show(paper: string): Shown {
    const shown = this.run('show', paper, '--json').json<Shown>();
    return { starred: shown.starred, tags: shown.tags, status: shown.status, note: shown.note };
  }

  noteFile(): string {
    const name = readdirSync(join(this.dir, 'notes')).find((file) => file.endsWith('.md'));
    if (!name) throw new Error('no note file');
    return join(this.dir, 'notes', name);
  }
}

/** A library migrated on A and carried to B by the copier: two devices of one synced library. */
function twoDevices(): { a: Device; b: Device; copier: FolderCopier; paper: string } {
  const a = new Device(tempDir('papershelf-sync-a-'), 'laptop');
  const b = new Device(tempDir('papershelf-sync-b-'), 'desktop');
  a.run('import', fixturePath('hf-daily-papers-2026-06-12.json'));
  const paper = a.run('list', '--json', '--limit', '1').json<{ results: Array<{ id: string }> }>().results[0]?.id;
  if (!paper) throw new Error('the import gave no paper');
  a.run('sync', 'enable');
  const copier = new FolderCopier(a.dir, b.dir);
  copier.sync();
  return { a, b, copier, paper };
}

describe('two devices sharing a synced library through a copier (real CLI)', { timeout: 180_000 }, () => {
  it('keeps a star made on one device and a tag made on the other on the same paper, on both', () => {
    const { a, b, copier, paper } = twoDevices();
    a.run('star', paper);
    b.run('tag', paper, 'to-discuss');
    const report = copier.sync();
    expect(report.conflicts).toEqual([]);
    for (const device of [a, b]) expect(device.show(paper)).toMatchObject({ starred: true, tags: ['to-discuss'] });
  });

  it('keeps both paragraphs of a note appended on both devices offline, and no sync tool conflict', () => {
    const { a, b, copier, paper } = twoDevices();
    a.run('note', paper, '--append', 'Written on the laptop.');
    b.run('note', paper, '--append', 'Written on the desktop.');
    // Both changed the note's Markdown file offline: the copier keeps two versions of it once.
    const first = copier.sync().conflicts;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^notes\/.+\.md$/);
    for (const device of [a, b]) {
      const note = device.show(paper).note ?? '';
      expect(note).toContain('Written on the laptop.');
      expect(note).toContain('Written on the desktop.');
    }
    // Each device rewrites the file from the merged text (the same bytes) and removes its own copy.
    expect(copier.sync().conflicts).toEqual([]);
    for (const device of [a, b]) device.show(paper);
    expect(copier.sync().conflicts).toEqual([]);
    expect(readFileSync(a.noteFile(), 'utf8')).toBe(readFileSync(b.noteFile(), 'utf8'));
    expect(readdirSync(join(a.dir, 'notes')).filter((name) => name.endsWith('.md'))).toHaveLength(1);
  });

  it('gives a paper the status set last when both devices change it offline, the same on both', async () => {
    const { a, b, copier, paper } = twoDevices();
    a.run('status', paper, 'reading');
    await new Promise((resolve) => setTimeout(resolve, 20));
    b.run('status', paper, 'read');
    copier.sync();
    expect(a.show(paper).status).toBe('read');
    expect(b.show(paper).status).toBe('read');
  });

  it('takes a note edited in another editor on one device as that device’s edit, keeping what the other device added', () => {
    const { a, b, copier, paper } = twoDevices();
    a.run('note', paper, '--append', 'First thoughts.\n\nTo check: the baseline.');
    copier.sync();
    b.show(paper); // B reads what arrived and writes the note's file from it
    const file = b.noteFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('To check: the baseline.', 'Checked: the baseline is fine.'));
    a.run('note', paper, '--append', 'A later paragraph from the laptop.');
    copier.sync();
    // The laptop changed the note last, so the laptop takes the edit in (once), then the copier carries it.
    a.show(paper);
    copier.sync();
    for (const device of [a, b]) {
      const note = device.show(paper).note ?? '';
      expect(note).toContain('Checked: the baseline is fine.');
      expect(note).not.toContain('To check: the baseline.');
      expect(note).toContain('A later paragraph from the laptop.');
      expect(note).toContain('First thoughts.');
    }
  });

  it('lists both devices with their last change, and forgetting one keeps its changes', () => {
    const { a, b, copier, paper } = twoDevices();
    b.run('tag', paper, 'from-desktop');
    copier.sync();
    const listed = a.run('devices', '--json').json<{ thisDevice: string; devices: Array<{ deviceId: string; lastChangeAt: string }> }>();
    expect(listed.thisDevice).toBe('laptop');
    expect(listed.devices.map((d) => d.deviceId).sort()).toEqual(['desktop', 'laptop']);
    expect(Number.isNaN(Date.parse(listed.devices[0]?.lastChangeAt ?? ''))).toBe(false);
    a.run('devices', 'forget', 'desktop');
    copier.sync();
    expect(readdirSync(join(a.dir, 'sync', 'devices')).filter((name) => name === 'desktop')).toEqual([]);
    expect(a.show(paper).tags).toEqual(['from-desktop']);
    expect(a.run('devices', '--json').json<{ devices: Array<{ deviceId: string }> }>().devices.map((d) => d.deviceId)).toEqual(['laptop']);
  });
});

describe('a device that changed the library before it was migrated elsewhere', { timeout: 180_000 }, () => {
  it('adds only its own changes, taken from the copy of annotations.json the sync tool kept', () => {
    const a = new Device(tempDir('papershelf-sync-a-'), 'laptop');
    const b = new Device(tempDir('papershelf-sync-b-'), 'desktop');
    a.run('import', fixturePath('hf-daily-papers-2026-06-12.json'));
    const [first, second] = a.run('list', '--json', '--limit', '2').json<{ results: Array<{ id: string }> }>().results.map((paper) => paper.id);
    if (!first || !second) throw new Error('the import gave too few papers');
    a.run('tag', first, 'shared');
    const copier = new FolderCopier(a.dir, b.dir);
    copier.sync(); // one library in the old layout on both machines
    b.run('tag', first, 'only-on-desktop');
    b.run('star', second);
    a.run('sync', 'enable');
    const report = copier.sync();
    expect(report.conflicts).toContain('annotations.json');
    for (const device of [b, a]) {
      device.show(first);
      copier.sync();
    }
    for (const device of [a, b]) {
      expect(device.show(first).tags.sort()).toEqual(['only-on-desktop', 'shared']);
      expect(device.show(second).starred).toBe(true);
    }
    expect(readdirSync(a.dir).filter((name) => name.startsWith('annotations'))).toEqual(['annotations.json']);
  });
});
