import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { cli } from './run-cli.ts';

const APA_GLICLASS =
  'Stepanov, I., Shtopko, M., Vodianytskyi, D., Lukashov, O., Yavorskyi, A., & Yaroshenko, M. (2025). ' +
  'GLiClass: Generalist Lightweight Model for Sequence Classification Tasks (arXiv:2508.07662). arXiv. https://arxiv.org/abs/2508.07662\n';

async function library(): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, ['import', '-'], readFixture('arxiv-2508.07662.bib'))).code).toBe(0);
  return dir;
}

describe('papershelf export --format bibliography', () => {
  it('prints APA references by default and with --style apa', async () => {
    const dir = await library();
    const plain = await cli(dir, ['export', '--format', 'bibliography']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(APA_GLICLASS);
    expect((await cli(dir, ['export', '--format', 'bibliography', '--style', 'apa'])).stdout).toBe(APA_GLICLASS);
  });

  it('takes another built-in style and a locale', async () => {
    const dir = await library();
    const ieee = await cli(dir, ['export', '--format', 'bibliography', '--style', 'ieee', '--locale', 'de-DE']);
    expect(ieee.code, ieee.stderr).toBe(0);
    expect(ieee.stdout).toMatch(/^\[1\] I\. Stepanov, .* und M\. Yaroshenko, „GLiClass/);
  });

  it('reads a CSL style file named by --style FILE.csl', async () => {
    const dir = await library();
    const style = join(tempDir(), 'titles.csl');
    writeFileSync(
      style,
      `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Titles only</title><id>titles</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" text-case="uppercase"/></layout></bibliography>
</style>
`,
    );
    const run = await cli(dir, ['export', '--format', 'bibliography', '--style', style]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('GLICLASS: GENERALIST LIGHTWEIGHT MODEL FOR SEQUENCE CLASSIFICATION TASKS\n');
  });

  it('refuses an unknown style with exit 2 and one line', async () => {
    const dir = await library();
    const run = await cli(dir, ['export', '--format', 'bibliography', '--style', 'harvard']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('papershelf: unknown style "harvard": use apa, ieee, chicago, nature or a CSL style file\n');
    const missing = await cli(dir, ['export', '--format', 'bibliography', '--style', join(tempDir(), 'missing.csl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^papershelf: cannot read .*missing\.csl: [^\n]+\n$/);
  });
});
