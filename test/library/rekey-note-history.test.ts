/**
 * A paper first known by its title gains its arXiv id from a later import: its note moves to the new
 * id, and so must the note's earlier versions, or `note --history` under the new id loses them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

const TITLE = 'Rekeyed Notes Keep Their Past: A Study of Moving Histories';
const TITLE_ONLY = `@article{moving2025,\n  title={${TITLE}},\n  author={Ada Lovelace and Alan Turing},\n  journal={Journal of Tests},\n  year={2025}\n}\n`;
const WITH_ARXIV = `@misc{moving2025b,\n  title={${TITLE}},\n  author={Ada Lovelace and Alan Turing},\n  year={2025}, eprint={2509.01234}, archivePrefix={arXiv}, primaryClass={cs.LG}\n}\n`;

interface History {
  versions: Array<{ version: number; text: string }>;
}

describe('a paper that gains its arXiv id', () => {
  it('keeps its note and every earlier version of it under the new id', async () => {
    const dir = tempDir();
    const files = tempDir();
    writeFileSync(join(files, 'title-only.bib'), TITLE_ONLY);
    writeFileSync(join(files, 'with-arxiv.bib'), WITH_ARXIV);
    expect((await cli(dir, ['import', join(files, 'title-only.bib')])).code).toBe(0);
    const oldId = (await cli(dir, ['list', '--json'])).json<{ results: Array<{ id: string }> }>().results[0]!.id;
    expect(oldId.startsWith('t:')).toBe(true);
    expect((await cli(dir, ['note', oldId, '--set', 'first thoughts'])).code).toBe(0);
    expect((await cli(dir, ['note', oldId, '--set', 'second thoughts'])).code).toBe(0);
    const before = (await cli(dir, ['note', oldId, '--history', '--json'])).json<History>();
    expect(before.versions.map((v) => v.text)).toEqual(['first thoughts']);

    const imported = await cli(dir, ['import', join(files, 'with-arxiv.bib')]);
    expect(imported.code, imported.stderr).toBe(0);
    const shown = (await cli(dir, ['show', '2509.01234', '--json'])).json<{ note: string | null }>();
    expect(shown.note).toBe('second thoughts');
    const after = await cli(dir, ['note', '2509.01234', '--history', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.json<History>().versions.map((v) => v.text)).toContain('first thoughts');
  });
});
