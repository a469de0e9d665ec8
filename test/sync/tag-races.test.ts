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

describe('tags merge as an add-wins set', () => {
  it('keeps a tag re-added on one device while another device removes it, in either delivery order', () => {
    const a = device('a');
    const b = device('b');
    Y.applyUpdate(b.doc, a.apply([{ type: 'add-tag', paperId: 'p', tag: 'ml' }]));
    // Concurrently: B removes "ml"; A removes it and adds it again (a new add B has not seen).
    const fromB = b.apply([{ type: 'remove-tag', paperId: 'p', tag: 'ml' }]);
    const fromA = a.apply([
      { type: 'remove-tag', paperId: 'p', tag: 'ml' },
      { type: 'add-tag', paperId: 'p', tag: 'ml' },
    ]);
    Y.applyUpdate(a.doc, fromB);
    Y.applyUpdate(b.doc, fromA);
    expect(tagsOf(a.doc)).toEqual(['ml']);
    expect(tagsOf(b.doc)).toEqual(['ml']);
  });

  it('lets a removal win over the add it has seen', () => {
    const a = device('a');
    const b = device('b');
    Y.applyUpdate(b.doc, a.apply([{ type: 'add-tag', paperId: 'p', tag: 'ml' }]));
    Y.applyUpdate(a.doc, b.apply([{ type: 'remove-tag', paperId: 'p', tag: 'ml' }]));
    expect(tagsOf(a.doc)).toEqual([]);
    expect(tagsOf(b.doc)).toEqual([]);
  });

  it('keeps a tag added on one device when another device concurrently removes a different tag', () => {
    const a = device('a');
    const b = device('b');
    Y.applyUpdate(b.doc, a.apply([{ type: 'add-tag', paperId: 'p', tag: 'old' }]));
    const fromA = a.apply([{ type: 'add-tag', paperId: 'p', tag: 'new' }]);
    const fromB = b.apply([{ type: 'remove-tag', paperId: 'p', tag: 'old' }]);
    Y.applyUpdate(a.doc, fromB);
    Y.applyUpdate(b.doc, fromA);
    expect(tagsOf(a.doc)).toEqual(['new']);
    expect(tagsOf(b.doc)).toEqual(['new']);
  });

  it('treats two spellings added concurrently as one tag', () => {
    const a = device('a');
    const b = device('b');
    const fromA = a.apply([{ type: 'add-tag', paperId: 'p', tag: 'LLM' }]);
    const fromB = b.apply([{ type: 'add-tag', paperId: 'p', tag: 'llm' }]);
    Y.applyUpdate(a.doc, fromB);
    Y.applyUpdate(b.doc, fromA);
    expect(tagsOf(a.doc)).toHaveLength(1);
    expect(tagsOf(a.doc)).toEqual(tagsOf(b.doc));
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
