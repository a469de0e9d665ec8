import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wellFormed } from '../../src/importers/well-formed.ts';
import { replaceNoteText, textEdits } from '../../src/sync/note-edits.ts';

function apply(from: string, to: string): string {
  let text = from;
  const edits = textEdits(from, to);
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i];
    if (edit) text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
  }
  return text;
}

describe('a note saved as a whole text becomes minimal edits', () => {
  it('touches only the changed part', () => {
    const from = 'Intro.\n\nMethods.\n\nResults.';
    expect(textEdits(from, 'Intro.\n\nMethods, better.\n\nResults.')).toEqual([{ start: 15, end: 15, insert: ', better' }]);
    expect(textEdits(from, from)).toEqual([]);
  });

  it('never cuts a surrogate pair in half (Yjs would store U+FFFD)', () => {
    for (const [from, to] of [
      ['a😀b', 'a😁b'],
      ['😀', '😁😀'],
      ['x😀😀y', 'x😀y'],
    ] as const) {
      expect(apply(from, to)).toBe(to);
      for (const edit of textEdits(from, to)) expect(wellFormed(edit.insert)).toBe(edit.insert);
      const doc = new Y.Doc();
      const text = doc.getText('n');
      text.insert(0, from);
      replaceNoteText(text, to);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      expect(copy.getText('n').toString()).toBe(to);
    }
  });

  it('carries an edit made on an older text onto the current one, keeping what arrived meanwhile', () => {
    const doc = new Y.Doc();
    const text = doc.getText('n');
    const base = 'Intro.\n\nMethods.';
    text.insert(0, base);
    // Another device appended a paragraph after the Markdown file was written.
    text.insert(text.length, '\n\nFrom the desktop.');
    replaceNoteText(text, 'Intro, edited in vim.\n\nMethods.', base);
    expect(text.toString()).toBe('Intro, edited in vim.\n\nMethods.\n\nFrom the desktop.');
  });

  it('diffs a large note with a small edit quickly and a wholly different one within a bounded time', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i} of a long note`).join('\n');
    const edited = big.replace('line 10000 ', 'line ten thousand ');
    let started = performance.now();
    expect(apply(big, edited)).toBe(edited);
    const small = performance.now() - started;
    const other = Array.from({ length: 20_000 }, (_, i) => `entirely different ${i * 7}`).join('\n');
    started = performance.now();
    expect(apply(big, other)).toBe(other);
    const whole = performance.now() - started;
    console.log(`note diff: small edit in 500 KB ${small.toFixed(0)} ms, whole replacement ${whole.toFixed(0)} ms`);
    expect(whole).toBeLessThan(5000);
  });
});
