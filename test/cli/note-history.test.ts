import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli, cliProcess } from './run-cli.ts';

const ID = '2508.07662';

async function libraryWithNoteVersions(): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
  for (const text of ['first thoughts\n\nmore', 'second take', '']) expect((await cli(dir, ['note', ID, '--set', text])).code).toBe(0);
  return dir;
}

describe('papershelf note --history / --restore', () => {
  it('lists the earlier versions newest first, as JSON and as lines of version, date and first line', async () => {
    const dir = await libraryWithNoteVersions();
    const json = await cli(dir, ['note', ID, '--history', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const { versions } = json.json<{ versions: Array<{ version: number; savedAt: string; text: string }> }>();
    expect(versions.map((v) => [v.version, v.text])).toEqual([
      [2, 'second take'],
      [1, 'first thoughts\n\nmore'],
    ]);
    expect(Object.keys(versions[0] ?? {})).toEqual(['version', 'savedAt', 'text']);
    const plain = await cli(dir, ['note', ID, '--history']);
    const day = versions[0]?.savedAt.slice(0, 10) ?? '';
    expect(plain.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^2  ${day} \\d\\d:\\d\\d  second take$`)),
      expect.stringMatching(new RegExp(`^1  ${day} \\d\\d:\\d\\d  first thoughts$`)),
    ]);
  });

  it('brings a version back, keeping the text it replaces as a version (the real command)', async () => {
    const dir = await libraryWithNoteVersions();
    await cli(dir, ['note', ID, '--set', 'current words']);
    const restored = cliProcess(dir, ['note', ID, '--restore', '1']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toBe(`restored version 1 of the note of ${ID}\n`);
    expect((await cli(dir, ['note', ID])).stdout).toBe('first thoughts\n\nmore\n');
    const history = cliProcess(dir, ['note', ID, '--history', '--json']).json<{ versions: Array<{ version: number; text: string }> }>();
    expect(history.versions[0]).toMatchObject({ version: 3, text: 'current words' });
  });

  it('refuses an unknown version or a bad one with one line, exit 2', async () => {
    const dir = await libraryWithNoteVersions();
    const missing = await cli(dir, ['note', ID, '--restore', '9']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/has no version 9/);
    const bad = await cli(dir, ['note', ID, '--restore', 'latest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect((await cli(dir, ['note', ID, '--history', '--restore', '1'])).code).toBe(2);
  });
});
