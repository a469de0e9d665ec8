import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HybridClock } from '../../src/sync/hlc.ts';
import { applyLocal, mergedState, type LocalChange } from '../../src/sync/library-doc.ts';
import { plain, twoMachines } from './sync-harness.ts';

/*
 * Tags are an add-wins set: an add survives a concurrent removal, a removal wins over the adds it has
 * seen. Proved on bare Y.Docs (every delivery order) and between two devices through the copier.
 */

function device(id: string): { doc: Y.Doc; clock: HybridClock; apply: (changes: LocalChange[]) => Uint8Array } {
  const doc = new Y.Doc();
  const clock = new HybridClock(id, () => 1_000);
  return {
    doc,
    clock,
    apply(changes) {
      const before = Y.encodeStateVector(doc);
      applyLocal(doc, clock, changes);
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

function tagsOf(doc: Y.Doc, paperId = 'p'): string[] {
  return mergedState(doc).annotations.get(paperId)?.tags ?? [];
}

/**
 * Device A makes `shared` and B receives it; then A makes `onA` and B makes `onB` without seeing each
 * other. Returns the paper's tags on A and B after exchanging, and on two observers that receive the
 * three updates in each order.
 */
function race(shared: LocalChange[], onA: LocalChange[], onB: LocalChange[]): string[][] {
  const a = device('a');
  const b = device('b');
  const first = a.apply(shared);
  Y.applyUpdate(b.doc, first);
  const fromA = a.apply(onA);
  const fromB = b.apply(onB);
  Y.applyUpdate(a.doc, fromB);
  Y.applyUpdate(b.doc, fromA);
  const observers = [
    [fromA, fromB],
    [fromB, fromA],
  ].map((order) => {
    const doc = new Y.Doc();
    for (const update of [first, ...order]) Y.applyUpdate(doc, update as Uint8Array);
    return doc;
  });
  return [a.doc, b.doc, ...observers].map((doc) => tagsOf(doc));
}

const add = (tag: string): LocalChange => ({ type: 'add-tag', paperId: 'p', tag });
const remove = (tag: string): LocalChange => ({ type: 'remove-tag', paperId: 'p', tag });

describe('tags merge as an add-wins set', () => {
  it('keeps a tag re-added on one device while another device removes it, in either delivery order', () => {
    // B removes "ml"; A removes it and adds it again: a new add that B's removal has not seen.
    for (const tags of race([add('ml')], [remove('ml'), add('ml')], [remove('ml')])) expect(tags).toEqual(['ml']);
  });

  it('lets a removal win over the add it has seen', () => {
    for (const tags of race([add('ml')], [], [remove('ml')])) expect(tags).toEqual([]);
  });

  it('keeps a tag added on one device when another device concurrently removes a different tag', () => {
    for (const tags of race([add('old')], [add('new')], [remove('old')])) expect(tags).toEqual(['new']);
  });

  it('treats two spellings added concurrently as one tag', () => {
    const results = race([], [add('LLM')], [add('llm')]);
    for (const tags of results) {
      expect(tags).toHaveLength(1);
      expect(tags).toEqual(results[0]);
    }
  });

  it('races adds and removals between two devices through the copier', async () => {
    const m = await twoMachines();
    await m.a.applyLocal([
      { type: 'add-tag', paperId: 'p', tag: 'keep' },
      { type: 'add-tag', paperId: 'p', tag: 'drop' },
      { type: 'add-tag', paperId: 'p', tag: 'contested' },
    ]);
    await m.sync();
    await m.a.applyLocal([{ type: 'remove-tag', paperId: 'p', tag: 'drop' }]);
    await m.a.applyLocal([
      { type: 'remove-tag', paperId: 'p', tag: 'contested' },
      { type: 'add-tag', paperId: 'p', tag: 'contested' },
    ]);
    await m.b.applyLocal([
      { type: 'remove-tag', paperId: 'p', tag: 'contested' },
      { type: 'add-tag', paperId: 'p', tag: 'fresh' },
    ]);
    await m.sync();
    expect([...(m.a.state().annotations.get('p')?.tags ?? [])].sort()).toEqual(['contested', 'fresh', 'keep']);
    expect(plain(m.a)).toEqual(plain(m.b));
  });
});
