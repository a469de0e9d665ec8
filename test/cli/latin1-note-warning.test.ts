import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli } from './run-cli.ts';

const ID = '2508.07662';

describe('a note another editor saved in Latin-1', () => {
  it('is kept in backups/ when a tag rewrites it, and the command says so', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
    expect((await cli(dir, ['note', ID, '--set', 'plain words'])).code).toBe(0);
    const [file] = readdirSync(join(dir, 'notes')).filter((name) => name.endsWith('.md'));
    const path = join(dir, 'notes', file ?? '');
    const latin1 = Buffer.from(readFileSync(path, 'utf8').replace('plain words', 'Größe und Übermaß'), 'latin1');
    writeFileSync(path, latin1);

    const tagged = await cli(dir, ['tag', ID, 'reviewed']);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stderr).toMatch(/^papershelf: warning: notes\/.+ was not valid UTF-8: its original bytes were kept in backups\//m);
    const kept = readdirSync(join(dir, 'backups')).map((name) => readFileSync(join(dir, 'backups', name)));
    expect(kept.some((bytes) => bytes.equals(latin1))).toBe(true);
  });
});
