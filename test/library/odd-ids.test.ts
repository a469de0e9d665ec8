import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

/*
 * Paper ids are data, never object keys with a meaning: `__proto__` and `constructor` are papers
 * like any other, through the stores, a tag rename and a backup.
 */

const ODD_IDS = ['__proto__', 'constructor'];

describe('ids that are special to JavaScript objects', () => {
  it('keep their star, tags and note in the stores across a reload', () => {
    const dir = tempDir();
    const annotations = AnnotationStore.open(dir);
    const notes = new NoteStore(dir);
    for (const id of ODD_IDS) {
      annotations.update(id, (current) => ({ ...current, starred: true, tags: ['odd', id] }));
      notes.write(id, `note of ${id}`, { title: id, tags: ['odd'] });
    }
    annotations.update('hasOwnProperty', (current) => ({ ...current, status: 'read' }));
    const reopened = AnnotationStore.open(dir);
    const all = reopened.all();
    for (const id of ODD_IDS) {
      expect(reopened.get(id)).toMatchObject({ starred: true, tags: ['odd', id] });
      expect(Object.hasOwn(all, id)).toBe(true);
      expect(all[id]?.starred).toBe(true);
      expect(new NoteStore(dir).read(id)).toBe(`note of ${id}`);
    }
    expect(Object.keys(all).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
    expect(new NoteStore(dir).readAll().get('__proto__')).toBe('note of __proto__');
  });

  it('keep them through a tag rename and a backup export and restore', async () => {
    const dir = tempDir();
    const library = await Library.open(dir);
    await library.importText({ text: readFixture('arxiv-2508.07662.bib') });
    // A backup whose papers have the odd ids: the library takes backup papers exactly as exported.
    const exported = JSON.parse((await library.exportPapers('json', {})).content) as {
      papers: Array<Record<string, unknown>>;
      annotations: Record<string, unknown>;
    };
    const template = exported.papers[0] ?? {};
    const papers = ODD_IDS.map((id) => ({ ...template, id, arxivId: null, title: `A paper called ${id}`, url: null, pdfUrl: null }));
    const backupText = `{"format":"papershelf-backup","version":1,"exportedAt":"2026-01-01T00:00:00.000Z","papers":${JSON.stringify(papers)},"annotations":{${ODD_IDS.map(
      (id) => `${JSON.stringify(id)}:{"starred":true,"tags":["old-name"],"status":"reading","updatedAt":"2026-01-01T00:00:00.000Z","note":"note of ${id}"}`,
    ).join(',')}}}`;
    const restored = await library.importText({ text: backupText });
    expect(restored.warnings.filter((w) => w.includes('skipped'))).toEqual([]);
    for (const id of ODD_IDS) expect(library.getPaper(id)).toMatchObject({ starred: true, tags: ['old-name'], note: `note of ${id}` });

    expect(await library.annotate.retag('old-name', 'new-name')).toBe(2);
    for (const id of ODD_IDS) expect(library.getPaper(id)).toMatchObject({ starred: true, tags: ['new-name'], status: 'reading' });

    const again = JSON.parse((await library.exportPapers('json', {})).content) as { annotations: Record<string, { tags: string[]; note: string | null }> };
    for (const id of ODD_IDS) {
      expect(Object.hasOwn(again.annotations, id)).toBe(true);
      expect(again.annotations[id]).toMatchObject({ tags: ['new-name'], note: `note of ${id}` });
    }
    const reopened = await Library.open(dir);
    for (const id of ODD_IDS) expect(reopened.getPaper(id)).toMatchObject({ starred: true, tags: ['new-name'], note: `note of ${id}` });
    expect(readFileSync(`${dir}/annotations.json`, 'utf8')).toContain('"__proto__"');
  });
});
