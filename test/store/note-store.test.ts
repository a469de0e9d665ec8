import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNote } from '../../src/store/note-front-matter.ts';
import { mergeNoteBodies, NoteStore } from '../../src/store/note-store.ts';
import { tempDir } from '../helpers/fixtures.ts';

const META = { title: 'A paper', tags: ['RL'] };

describe('NoteStore', () => {
  it('writes one readable Markdown file per note and reads the body back exactly', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    const body = '---\nStarts with a rule.\n\n- point\n';
    notes.write('hep-th/9901001', body, META);
    expect(notes.read('hep-th/9901001')).toBe(body);
    expect(readdirSync(join(dir, 'notes'))).toEqual(['hep-th_9901001.md']);
    expect(readFileSync(join(dir, 'notes', 'hep-th_9901001.md'), 'utf8')).toBe(
      `---\nid: "hep-th/9901001"\ntitle: "A paper"\ntags: ["RL"]\n---\n${body}`,
    );
    expect(notes.read('2508.07662')).toBeNull();
  });

  it('replaces a note, and a blank body deletes it', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('t:some-title', 'first', META);
    notes.write('t:some-title', 'second', { title: 'Renamed', tags: [] });
    expect(notes.read('t:some-title')).toBe('second');
    notes.write('t:some-title', '  \n\t', META);
    expect(notes.read('t:some-title')).toBeNull();
    expect(readdirSync(join(dir, 'notes'))).toEqual([]);
    notes.write('t:never-written', '', META);
    expect(notes.listIds()).toEqual([]);
  });

  it('lists and reads every note by its id, whatever characters the id has', () => {
    const notes = new NoteStore(tempDir());
    const ids = ['2508.07662', 'hep-th/9901001', 'math.AG/0101001', 't:under_score+plus', 't:ünïcödé', `t:${'long-'.repeat(40)}`];
    ids.forEach((id, i) => notes.write(id, `note ${i}`, META));
    expect(notes.listIds().sort()).toEqual([...ids].sort());
    expect(notes.readAll()).toEqual(new Map(ids.map((id, i) => [id, `note ${i}`])));
    expect(new NoteStore(notes.dataDir).read(ids[5] ?? '')).toBe('note 5');
  });

  it('trusts the id in the front matter over the file name', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('2508.07662', 'my text', META);
    // Renamed by hand in a file manager: still the same paper's note.
    renameSync(join(dir, 'notes', '2508.07662.md'), join(dir, 'notes', 'my favourite paper.md'));
    expect(notes.listIds()).toEqual(['2508.07662']);
    expect(notes.read('2508.07662')).toBe('my text');
    notes.write('2508.07662', 'edited', META);
    expect(readdirSync(join(dir, 'notes'))).toEqual(['my favourite paper.md']);
    expect(new NoteStore(dir).read('2508.07662')).toBe('edited');
  });

  it('gives a second id another file when its usual name belongs to a different id (case-insensitive disks)', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('t:abc', 'placeholder', META);
    // What a case-insensitive disk shows when `t:ABC` looks for `t+ABC.md`: the file of `t:abc`.
    writeFileSync(join(dir, 'notes', 't+ABC.md'), formatNote('t:abc', META, 'lower-case paper'));
    notes.write('t:abc', 'lower-case paper', META);
    notes.write('t:ABC', 'upper-case paper', META);
    expect(notes.read('t:abc')).toBe('lower-case paper');
    expect(notes.read('t:ABC')).toBe('upper-case paper');
    expect(readdirSync(join(dir, 'notes')).some((name) => /^t\+ABC~[0-9a-f]{16}\.md$/.test(name))).toBe(true);
  });

  it('reads a Markdown file someone created by hand, without front matter', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('x', 'created by the app', META);
    writeFileSync(join(dir, 'notes', 'hep-th_9901002.md'), 'hand-written');
    expect(notes.read('hep-th/9901002')).toBe('hand-written');
    expect(notes.listIds().sort()).toEqual(['hep-th/9901002', 'x']);
  });

  it('ignores and cleans temporary files a killed writer left', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('2508.07662', 'whole', META);
    const leftover = join(dir, 'notes', '2508.07662.md.tmp-999999999-abcdef');
    writeFileSync(leftover, '---\nid: "2508.07662"\n---\nhal');
    expect(notes.readAll()).toEqual(new Map([['2508.07662', 'whole']]));
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('NoteStore.rekey', () => {
  it('moves a note to the new id', () => {
    const dir = tempDir();
    const notes = new NoteStore(dir);
    notes.write('t:some-title', 'my thoughts', META);
    notes.rekey('t:some-title', '2508.07662', { title: 'Some title', tags: ['RL'] });
    expect(notes.read('t:some-title')).toBeNull();
    expect(notes.read('2508.07662')).toBe('my thoughts');
    expect(readdirSync(join(dir, 'notes'))).toEqual(['2508.07662.md']);
    expect(readFileSync(join(dir, 'notes', '2508.07662.md'), 'utf8')).toContain('title: "Some title"');
  });

  it('merges two notes without losing text, and merging again adds nothing', () => {
    const notes = new NoteStore(tempDir());
    notes.write('t:some-title', 'Written when only the title was known.\n', META);
    notes.write('2508.07662', 'Written on the arXiv version.\n', META);
    notes.rekey('t:some-title', '2508.07662', META);
    const merged = notes.read('2508.07662');
    expect(merged).toBe('Written on the arXiv version.\n\nWritten when only the title was known.\n');
    // A crash after writing the target but before removing the source leaves both; redoing is harmless.
    notes.write('t:some-title', 'Written when only the title was known.\n', META);
    notes.rekey('t:some-title', '2508.07662', META);
    expect(notes.read('2508.07662')).toBe(merged);
    expect(notes.listIds()).toEqual(['2508.07662']);
  });

  it('does nothing when the old id has no note', () => {
    const notes = new NoteStore(tempDir());
    notes.write('2508.07662', 'kept', META);
    notes.rekey('t:nothing', '2508.07662', META);
    notes.rekey('2508.07662', '2508.07662', META);
    expect(notes.readAll()).toEqual(new Map([['2508.07662', 'kept']]));
  });
});

describe('mergeNoteBodies', () => {
  it('keeps both texts once', () => {
    expect(mergeNoteBodies(null, 'b')).toBe('b');
    expect(mergeNoteBodies('a\n', 'b')).toBe('a\n\nb');
    expect(mergeNoteBodies('a and b', 'b')).toBe('a and b');
    expect(mergeNoteBodies('b', 'a and b')).toBe('a and b');
  });
});
