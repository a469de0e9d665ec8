import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli } from '../cli/run-cli.ts';

interface Backup {
  papers: Array<{ id: string; abstract: string; arxivAbstract?: string }>;
}

describe("arXiv's own abstract, kept beside the listing's", () => {
  it('survives the segment files, a reopen and a JSON backup round trip', async () => {
    const first = tempDir();
    expect((await cli(first, ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
    const exported = join(first, 'backup.json');
    expect((await cli(first, ['export', '--format', 'json', '--output', exported])).code).toBe(0);
    const backup = JSON.parse(readFileSync(exported, 'utf8')) as Backup;
    const paper = backup.papers[0]!;
    paper.arxivAbstract = 'The abstract as arXiv has it.';
    writeFileSync(exported, JSON.stringify(backup));

    const second = tempDir();
    const imported = await cli(second, ['import', exported]);
    expect(imported.code, imported.stderr).toBe(0);
    const again = join(second, 'again.json');
    expect((await cli(second, ['export', '--format', 'json', '--output', again])).code).toBe(0);
    const kept = (JSON.parse(readFileSync(again, 'utf8')) as Backup).papers.find((p) => p.id === paper.id);
    expect(kept).toMatchObject({ abstract: paper.abstract, arxivAbstract: 'The abstract as arXiv has it.' });
  });
});
