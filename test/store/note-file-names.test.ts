import { describe, expect, it } from 'vitest';
import { hashedNoteFileName, idFromNoteFileName, noteFileName } from '../../src/store/note-file-names.ts';

const ODD_IDS = [
  '2508.07662',
  'hep-th/9901001',
  'math.AG/0101001',
  't:attention-is-all-you-need',
  't:under_score+plus%percent~tilde',
  't:a/b\\c:d*e?f"g<h>i|j',
  't:ünïcödé-数学',
  't:emoji-🧮',
  '.hidden',
  'trailing.',
  '..',
  'con',
  'NUL.txt',
  'com1',
  't: spaces and\ttabs ',
];

describe('note file names', () => {
  it('are readable for ordinary ids', () => {
    expect(noteFileName('2508.07662')).toBe('2508.07662.md');
    expect(noteFileName('hep-th/9901001')).toBe('hep-th_9901001.md');
    expect(noteFileName('t:attention-is-all-you-need')).toBe('t+attention-is-all-you-need.md');
  });

  it('are reversible for odd ids', () => {
    for (const id of ODD_IDS) expect(idFromNoteFileName(noteFileName(id))).toBe(id);
  });

  it('are safe on Windows, macOS and Linux', () => {
    for (const id of ODD_IDS) {
      const name = noteFileName(id);
      expect(name, id).toMatch(/\.md$/);
      expect(name, id).not.toMatch(/[/\\:*?"<>|\s\u0000-\u001f]/);
      expect(name, id).not.toMatch(/^\./);
      expect(name.slice(0, -3), id).not.toMatch(/\.$/);
      expect(name.split('.')[0], id).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    }
  });

  it('are all different for different ids', () => {
    expect(new Set(ODD_IDS.map(noteFileName)).size).toBe(ODD_IDS.length);
  });

  it('fall back to a short hashed name for very long ids', () => {
    const id = `t:${'a-very-long-title-'.repeat(20)}`;
    const name = noteFileName(id);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(130);
    expect(name).toMatch(/^t\+a-very-long-title-.*~[0-9a-f]{16}\.md$/);
    expect(noteFileName(`${id}x`)).not.toBe(name);
    expect(idFromNoteFileName(name)).toBeNull();
  });

  it('never cut a multi-byte character or an escape when shortening', () => {
    const name = hashedNoteFileName(`t:${'数'.repeat(100)}`);
    expect(name).toMatch(/^t\+数+~[0-9a-f]{16}\.md$/);
    const escaped = hashedNoteFileName(`t:${'_'.repeat(100)}`);
    expect(escaped).toMatch(/^t\+(%5F)+~[0-9a-f]{16}\.md$/);
  });

  it('give no id for names that are not notes', () => {
    expect(idFromNoteFileName('readme.txt')).toBeNull();
    expect(idFromNoteFileName('.md')).toBeNull();
    expect(idFromNoteFileName('bad%ZZescape.md')).toBeNull();
  });
});
