/**
 * A library written before short ids (here: restored from a backup, which keeps ids exactly) moves
 * its whole-title ids to short ids at its next write, once, after copying what it rewrites to
 * backups/; the old ids keep working, and stars, tags, notes and note history follow.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportItems } from '../../../src/export/index.ts';
import { Library } from '../../../src/library/library.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { samplePapers } from './sample-arxiv.ts';

const LONG = 't:toolrl-reward-is-all-tool-learning-needs';
const NOW = '2026-07-16T08:00:00.000Z';
const ONE_ARXIV_PAPER = '@article{x, title={Attention Is All You Need}, author={Vaswani, Ashish}, year={2017}, eprint={1706.03762}, archivePrefix={arXiv}}';

let dataDir: string;
let library: Library;

beforeEach(async () => {
  dataDir = tempDir();
  library = await Library.open(dataDir);
  await (await library.enrich()).setAuto(false);
  const items = samplePapers().map((paper) => ({
    paper,
    annotation: paper.id === LONG ? { starred: true, tags: ['agents'], status: 'reading' as const, updatedAt: NOW } : null,
    note: paper.id === LONG ? 'Written under the long id.' : null,
  }));
  await library.importText({ text: exportItems('json', items, NOW), format: 'json' });
});
afterEach(() => library.close());

const ids = () => library.itemsForExport({}).map((item) => item.paper.id);
const backups = () => (existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')) : []);

describe('moving a library to short ids', () => {
  it('moves whole-title ids at the next write, after a backup, and the old ids keep working', async () => {
    expect(ids()).toContain(LONG);
    expect(backups().filter((name) => name.startsWith('short-ids.'))).toEqual([]);
    await library.annotate.setNote(LONG, 'Edited under the long id.');

    await library.importText({ text: ONE_ARXIV_PAPER });

    expect(ids()).not.toContain(LONG);
    expect(ids().filter((id) => id.startsWith('t:')).every((id) => id.length <= 24)).toBe(true);
    const paper = library.getPaper(LONG);
    expect(paper).toMatchObject({ id: expect.stringMatching(/^t:toolrl-/), starred: true, tags: ['agents'], status: 'reading', note: 'Edited under the long id.', aliases: [LONG] });
    expect(library.annotate.noteHistory(paper.id).versions.map((v) => v.text)).toContain('Written under the long id.');
    expect(library.problems.join('\n')).toMatch(/moved 59 papers to short ids; their old ids still work \(backup: backups\/short-ids\./);

    const written = backups().filter((name) => name.startsWith('short-ids.'));
    expect(written).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(dataDir, 'backups', written[0] ?? ''), 'utf8')) as { moved: Array<{ from: string; to: string; paper: { id: string } }> };
    expect(record.moved).toHaveLength(59);
    expect(record.moved.find((m) => m.from === LONG)).toMatchObject({ to: paper.id, paper: { id: LONG } });
    expect(backups().some((name) => name.startsWith('annotations.json.'))).toBe(true);
    expect(backups().some((name) => name.startsWith('t+toolrl-reward-is-all-tool-learning-needs.md.'))).toBe(true);

    // Once: the next write finds nothing to move and backs nothing up.
    await library.importText({ text: ONE_ARXIV_PAPER });
    expect(backups().filter((name) => name.startsWith('short-ids.'))).toHaveLength(1);
    // Another door opening the folder sees the same.
    const other = await Library.open(dataDir);
    expect(other.getPaper(LONG).id).toBe(paper.id);
    await other.close();
  });
});
