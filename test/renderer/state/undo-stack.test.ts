import { describe, expect, it } from 'vitest';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  applied,
  changesFor,
  dropped,
  nextStep,
  parseHistory,
  record,
  serialize,
  type UndoStep,
} from '../../../renderer/state/undo-stack.ts';

const star = (id: string, at = 0): UndoStep => ({ kind: 'annotations', label: 'Star', at, changes: [{ id, before: { starred: false }, after: { starred: true } }] });
const note = (id: string, before: string, after: string, at: number): UndoStep => ({ kind: 'note', label: 'Note edit', at, id, before, after });

describe('undo stack', () => {
  it('undo moves a step to redo and redo moves it back; a new step clears redo', () => {
    let history = record(record(EMPTY_HISTORY, star('a')), star('b'));
    expect(nextStep(history, 'undo')).toEqual(star('b'));
    history = applied(history, 'undo');
    expect(nextStep(history, 'undo')).toEqual(star('a'));
    expect(nextStep(history, 'redo')).toEqual(star('b'));
    history = applied(history, 'redo');
    expect(history.undo.map((step) => step.kind === 'annotations' && step.changes[0]?.id)).toEqual(['a', 'b']);
    history = record(applied(history, 'undo'), star('c'));
    expect(history.redo).toEqual([]);
  });

  it('undo writes `before` on condition of `after`; redo the reverse', () => {
    const step = { kind: 'annotations' as const, label: 'Tag', at: 0, changes: [{ id: 'a', before: { tags: ['x'] }, after: { tags: ['x', 'y'] } }] };
    expect(changesFor(step, 'undo')).toEqual([{ id: 'a', to: { tags: ['x'] }, from: { tags: ['x', 'y'] } }]);
    expect(changesFor(step, 'redo')).toEqual([{ id: 'a', to: { tags: ['x', 'y'] }, from: { tags: ['x'] } }]);
  });

  it('keeps the last HISTORY_LIMIT steps', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) history = record(history, star(`p${i}`));
    expect(history.undo).toHaveLength(HISTORY_LIMIT);
    expect(history.undo[0]).toEqual(star('p5'));
  });

  it('saves of one note close together are one step, from the first text to the last', () => {
    let history = record(EMPTY_HISTORY, note('a', 'one', 'one two', 1000));
    history = record(history, note('a', 'one two', 'one two three', 5000));
    expect(history.undo).toEqual([note('a', 'one', 'one two three', 5000)]);
    history = record(history, note('a', 'one two three', 'later', 5000 + 120_000));
    expect(history.undo).toHaveLength(2);
    history = record(history, note('b', '', 'other', 5000 + 120_001));
    expect(history.undo).toHaveLength(3);
  });

  it('a dropped step (changed since) lets the one below be undone', () => {
    const history = dropped(record(record(EMPTY_HISTORY, star('a')), star('b')), 'undo');
    expect(nextStep(history, 'undo')).toEqual(star('a'));
    expect(history.redo).toEqual([]);
  });

  it('survives a round trip through storage text', () => {
    const history = applied(record(record(EMPTY_HISTORY, star('a', 1)), note('b', 'x', '', 2)), 'undo');
    expect(parseHistory(serialize(history))).toEqual(history);
  });

  it('drops the oldest steps when the stored text would be too big', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 10; i += 1) history = record(history, note(`p${i}`, 'x'.repeat(1000), '', i));
    const kept = parseHistory(serialize(history, 5000));
    expect(kept.undo.length).toBeGreaterThan(0);
    expect(kept.undo.length).toBeLessThan(10);
    expect(kept.undo[kept.undo.length - 1]).toEqual(history.undo[9]);
  });

  it('reads back untrusted text without trusting it', () => {
    expect(parseHistory(null)).toEqual(EMPTY_HISTORY);
    expect(parseHistory('not json')).toEqual(EMPTY_HISTORY);
    expect(parseHistory('[1,2]')).toEqual(EMPTY_HISTORY);
    expect(parseHistory('{"undo":"x"}')).toEqual(EMPTY_HISTORY);
    const good = star('a', 1);
    const bad = [
      { ...good, kind: 'other' },
      { ...good, at: 'soon' },
      { kind: 'annotations', label: 'x', at: 1, changes: [{ id: 'a', before: { starred: 'yes' }, after: {} }] },
      { kind: 'annotations', label: 'x', at: 1, changes: [{ id: 'a', before: { status: 'done' }, after: {} }] },
      { kind: 'annotations', label: 'x', at: 1, changes: [{ id: 'a', before: { tags: [1] }, after: {} }] },
      { kind: 'annotations', label: 'x', at: 1, changes: [{ id: 'a', before: { evil: true }, after: {} }] },
      { kind: 'annotations', label: 'x', at: 1, changes: [{ id: '', before: {}, after: {} }] },
      { kind: 'note', label: 'x', at: 1, id: 'a', before: 5, after: '' },
      null,
    ];
    expect(parseHistory(JSON.stringify({ undo: [...bad, good], redo: bad }))).toEqual({ undo: [good], redo: [] });
  });
});
