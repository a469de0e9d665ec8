import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { cli } from './run-cli.ts';

describe('papershelf import of a file that is not UTF-8', () => {
  it('imports it with U+FFFD and says so on stderr, naming the first bad byte', async () => {
    const dir = tempDir();
    const file = join(dir, 'latin1.bib');
    writeFileSync(file, Buffer.from('@misc{a, title={Über Größe}, year={2024}}', 'latin1'));
    const run = await cli(join(dir, 'data'), ['import', file, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ added: 1 });
    expect(run.stderr).toMatch(/^papershelf: warning: 3 bytes were not valid UTF-8 and were replaced \(the first at byte 16, 0xDC/m);
  });
});
