import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { holdLockInChild, runChild } from './cli-child.ts';

describe('a CLI write waiting for another process', () => {
  it('says who holds the data folder and since when, then writes once it is free', async () => {
    const dir = tempDir();
    expect((await runChild(dir, ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
    const holder = await holdLockInChild(dir, 3_000);
    const starred = await runChild(dir, ['star', '2508.07662']);
    await holder.exited;
    expect(starred.code, starred.stderr).toBe(0);
    expect(starred.stderr).toMatch(new RegExp(`waiting for the data folder: process ${holder.pid} on .+, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z holds .*write\\.lock`));
    const shown = await runChild(dir, ['show', '2508.07662', '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ starred: true });
  }, 60_000);
});
