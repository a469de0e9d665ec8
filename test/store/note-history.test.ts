import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { MAX_VERSIONS_PER_NOTE, NoteHistory } from '../../src/store/note-history.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

const ID = '2508.07662';

async function libraryWithPaper(): Promise<{ dir: string; library: Library }> {
  const dir = tempDir();
  const library = await Library.open(dir);
  await library.importText({ text: readFixture('arxiv-2508.07662.bib') });
  return { dir, library };
}

describe('note history', () => {
  it('keeps every earlier version, newest first, and brings one back', async () => {
    const { library } = await libraryWithPaper();
    await library.annotate.setNote(ID, 'one');
    await library.annotate.setNote(ID, 'two');
    await library.annotate.appendNote(ID, 'three');
    const { versions } = library.annotate.noteHistory(ID);
    expect(versions.map((v) => [v.version, v.text])).toEqual([
      [2, 'two'],
      [1, 'one'],
    ]);
    expect(Date.parse(versions[0]?.savedAt ?? '')).not.toBeNaN();
    await library.annotate.restoreNote(ID, 1);
    expect(library.annotate.getNote(ID)).toBe('one');
    expect(library.annotate.noteHistory(ID).versions[0]).toMatchObject({ version: 3, text: 'two\n\nthree' });
    await expect(library.annotate.restoreNote(ID, 99)).rejects.toThrow(/no version 99/);
  });

  it('keeps what clearing a note removed, across processes (a fresh library sees it)', async () => {
    const { dir, library } = await libraryWithPaper();
    await library.annotate.setNote(ID, 'words worth keeping');
    await library.annotate.setNote(ID, '');
    expect(library.annotate.getNote(ID)).toBeNull();
    const other = await Library.open(dir);
    expect(other.annotate.noteHistory(ID).versions.map((v) => v.text)).toEqual(['words worth keeping']);
    await other.annotate.restoreNote(ID, 1);
    expect(other.annotate.getNote(ID)).toBe('words worth keeping');
  });

  it('keeps what deleting a tag removed: the note as it was tagged, and annotations.json in backups/', async () => {
    const { dir, library } = await libraryWithPaper();
    await library.annotate.addTags(ID, ['doomed']);
    await library.annotate.setNote(ID, 'tagged note');
    expect(await library.annotate.retag('doomed', null)).toBe(1);
    expect(library.getPaper(ID).tags).toEqual([]);
    const tagged = readFileSync(join(dir, 'note-history', `${ID}.jsonl`), 'utf8');
    expect(tagged).toContain('"doomed"');
    const copies = readdirSync(join(dir, 'backups')).filter((name) => name.startsWith('annotations.json'));
    expect(copies.some((name) => readFileSync(join(dir, 'backups', name), 'utf8').includes('"doomed"'))).toBe(true);
  });

  it(`keeps the last ${MAX_VERSIONS_PER_NOTE} versions of a note, dropping the oldest`, async () => {
    const { library } = await libraryWithPaper();
    for (let i = 1; i <= MAX_VERSIONS_PER_NOTE + 12; i++) await library.annotate.setNote(ID, `version text ${i}`);
    const { versions } = library.annotate.noteHistory(ID);
    expect(versions).toHaveLength(MAX_VERSIONS_PER_NOTE);
    expect(versions[0]?.text).toBe(`version text ${MAX_VERSIONS_PER_NOTE + 11}`);
    expect(versions.at(-1)?.text).toBe('version text 12');
  });

  it('stays within its budget for the whole library, dropping the oldest versions first', () => {
    const dir = tempDir();
    const budget = 20_000;
    const history = new NoteHistory(dir, budget);
    const big = 'x'.repeat(1_000);
    for (let i = 0; i < 40; i++) {
      history.record(`paper-${i % 4}`, `${i} ${big}`, [], new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    }
    const total = readdirSync(history.dir).reduce((sum, name) => sum + statSync(join(history.dir, name)).size, 0);
    expect(total).toBeLessThanOrEqual(budget);
    const kept = [0, 1, 2, 3].flatMap((n) => history.list(`paper-${n}`).map((v) => Number(v.text.split(' ')[0])));
    // The newest versions survive; everything dropped is older than everything kept.
    expect(kept).toContain(39);
    expect(Math.min(...kept)).toBeGreaterThan(40 - kept.length - 1);
    expect(kept.length).toBeGreaterThan(10);
  });
});
