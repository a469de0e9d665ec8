import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli } from './run-cli.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data folder is private', () => {
  it('is created readable by its owner only (0700), parents included', async () => {
    const dir = join(tempDir(), 'nested', 'library');
    expect((await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
  });

  it('keeps the mode of a folder that already exists', async () => {
    const dir = join(tempDir(), 'library');
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    expect((await cli(dir, ['stats'])).code).toBe(0);
    expect(mode(dir)).toBe(0o750);
  });
});
