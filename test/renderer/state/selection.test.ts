import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, isMulti, rangeBounds, selectionReducer, type Selection, type SelectionAction } from '../../../renderer/state/selection.ts';

const run = (...actions: SelectionAction[]): Selection => actions.reduce(selectionReducer, EMPTY_SELECTION);
const ids = (selection: Selection) => [...selection.ids].sort();

describe('selection reducer', () => {
  it('a click selects one paper and makes it the focus and the anchor', () => {
    const selection = run({ type: 'select', id: 'a', index: 0 }, { type: 'select', id: 'c', index: 2 });
    expect(ids(selection)).toEqual(['c']);
    expect(selection.focus).toEqual({ id: 'c', index: 2 });
    expect(selection.anchor).toBe(2);
    expect(isMulti(selection)).toBe(false);
  });

  it('Shift extends from the anchor, and a new range replaces the previous one', () => {
    const down = run({ type: 'select', id: 'b', index: 1 }, { type: 'extend', id: 'd', index: 3, rangeIds: ['b', 'c', 'd'] });
    expect(ids(down)).toEqual(['b', 'c', 'd']);
    expect(down.focus).toEqual({ id: 'd', index: 3 });
    expect(down.anchor).toBe(1);
    const up = selectionReducer(down, { type: 'extend', id: 'a', index: 0, rangeIds: ['a', 'b'] });
    expect(ids(up)).toEqual(['a', 'b']);
    expect(isMulti(up)).toBe(true);
  });

  it('Ctrl+click toggles one paper and keeps it through a later Shift range', () => {
    const toggled = run({ type: 'select', id: 'a', index: 0 }, { type: 'toggle', id: 'e', index: 4 });
    expect(ids(toggled)).toEqual(['a', 'e']);
    const extended = selectionReducer(toggled, { type: 'extend', id: 'g', index: 6, rangeIds: ['e', 'f', 'g'] });
    expect(ids(extended)).toEqual(['a', 'e', 'f', 'g']);
    const untoggled = selectionReducer(extended, { type: 'toggle', id: 'g', index: 6 });
    expect(ids(untoggled)).toEqual(['a', 'e', 'f']);
    expect(untoggled.focus?.id).not.toBe('g');
    expect(untoggled.ids.has(untoggled.focus?.id ?? '')).toBe(true);
  });

  it('toggling the only selected paper off leaves nothing focused', () => {
    const selection = run({ type: 'select', id: 'a', index: 0 }, { type: 'toggle', id: 'a', index: 0 });
    expect(selection.ids.size).toBe(0);
    expect(selection.focus).toBeNull();
  });

  it('select all takes every id of the list and keeps the focus; Escape collapses to the focus', () => {
    const all = run({ type: 'select', id: 'b', index: 1 }, { type: 'all', ids: ['a', 'b', 'c', 'x'] });
    expect(ids(all)).toEqual(['a', 'b', 'c', 'x']);
    expect(all.focus).toEqual({ id: 'b', index: 1 });
    const collapsed = selectionReducer(all, { type: 'collapse' });
    expect(ids(collapsed)).toEqual(['b']);
    expect(selectionReducer(collapsed, { type: 'clear' })).toEqual(EMPTY_SELECTION);
  });

  it('papers that left the list leave the selection; the focus moves to one still selected', () => {
    const all = run({ type: 'select', id: 'b', index: 1 }, { type: 'all', ids: ['a', 'b', 'c', 'd'] });
    const kept = selectionReducer(all, { type: 'retain', ids: new Set(['a', 'c', 'd', 'z']) });
    expect(ids(kept)).toEqual(['a', 'c', 'd']);
    expect(kept.ids.has(kept.focus?.id ?? '')).toBe(true);
    expect(selectionReducer(kept, { type: 'retain', ids: new Set(['a', 'c', 'd']) })).toBe(kept);
    expect(selectionReducer(kept, { type: 'retain', ids: new Set() }).focus).toBeNull();
  });

  it('Shift with no anchor yet selects just the target', () => {
    const selection = run({ type: 'extend', id: 'c', index: 2, rangeIds: ['a', 'b', 'c'] });
    expect(ids(selection)).toEqual(['c']);
  });

  it('rangeBounds orders its ends', () => {
    expect(rangeBounds(5, 2)).toEqual({ first: 2, last: 5 });
    expect(rangeBounds(2, 5)).toEqual({ first: 2, last: 5 });
  });
});
