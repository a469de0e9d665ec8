import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import { Library } from '../../src/library/library.ts';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';

/*
 * applyChanges: a bulk action (and the undo of any annotation change) is one read-modify-write of
 * annotations.json, restores exactly, and refuses to overwrite a paper that changed since.
 */

const opened: Library[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const library of opened.splice(0)) await library.close();
});

async function libraryWithPapers() {
  const dir = tempDir();
  const library = await Library.open(dir);
  opened.push(library);
  const api = createDispatch(library);
  const imported = await api('importText', { text: readFileSync(fixturePath('hf-daily-papers-2026-06-12.json'), 'utf8') });
  if (!imported.ok) throw new Error(imported.error.message);
  const listed = await api('listPapers', { limit: 12 });
  if (!listed.ok) throw new Error(listed.error.message);
  return { dir, library, api, ids: listed.value.results.map((paper) => paper.id) };
}

const annotationsOnDisk = (dir: string) => JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as unknown;

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('applyChanges', () => {
  it('stars and tags ten papers with one write of annotations.json', async () => {
    const { api, ids } = await libraryWithPapers();
    const ten = ids.slice(0, 10);
    ok(await api('setStar', { id: ten[0], starred: true }));
    const writes = vi.spyOn(AnnotationStore.prototype as unknown as { write(): void }, 'write');
    const result = ok(await api('applyChanges', { changes: ten.map((id) => ({ id, starred: true, addTags: ['survey'] })) }));
    expect(writes).toHaveBeenCalledTimes(1);
    expect(result.papers).toBe(10);
    expect(result.changes[0]).toEqual({ id: ten[0], before: { starred: true, status: null, tags: [] }, after: { starred: true, status: null, tags: ['survey'] } });
    const listed = ok(await api('listPapers', { tag: 'survey', limit: 100 }));
    expect(listed.results.map((paper) => paper.id).sort()).toEqual([...ten].sort());
    expect(listed.results.every((paper) => paper.starred)).toBe(true);
  });

  it('undo restores each paper exactly as it was, including those that were starred already', async () => {
    const { dir, api, ids } = await libraryWithPapers();
    const [a, b, c] = ids;
    ok(await api('setStar', { id: a, starred: true }));
    ok(await api('addTags', { id: b, tags: ['Zeta', 'alpha'] }));
    ok(await api('setStatus', { id: c, status: 'reading' }));
    const before = annotationsOnDisk(dir);
    const bulk = ok(await api('applyChanges', { changes: [a, b, c].map((id) => ({ id, starred: true, status: 'read' as const, addTags: ['ALPHA', 'new'] })) }));
    expect(bulk.papers).toBe(3);
    // The existing spelling wins: "ALPHA" joins b's "alpha".
    expect(bulk.changes.find((change) => change.id === b)?.after.tags).toEqual(['Zeta', 'alpha', 'new']);
    const undo = ok(await api('applyChanges', { changes: bulk.changes.map(({ id, before: was, after }) => ({ id, ...was, expect: after })) }));
    expect(undo.conflicts).toEqual([]);
    const restored = annotationsOnDisk(dir) as { papers: Record<string, { starred: boolean; tags: string[]; status: string | null }> };
    const original = before as typeof restored;
    const fields = (entry: { starred: boolean; tags: string[]; status: string | null } | undefined) => entry && { starred: entry.starred, tags: entry.tags, status: entry.status };
    for (const id of [a, b, c].map(String)) {
      expect(original.papers[id]).toBeDefined();
      expect(fields(restored.papers[id])).toEqual(fields(original.papers[id]));
    }
    expect(ok(await api('getPaper', { id: a })).starred).toBe(true);
  });

  it('writes nothing when a paper no longer shows what the undo expects', async () => {
    const { dir, api, ids } = await libraryWithPapers();
    const [a, b] = ids;
    const bulk = ok(await api('applyChanges', { changes: [a, b].map((id) => ({ id, starred: true })) }));
    // A change to a field the step did not touch is no conflict; an unstar since the bulk star is.
    ok(await api('addTags', { id: a, tags: ['elsewhere'] }));
    ok(await api('setStar', { id: b, starred: false }));
    const onDisk = readFileSync(join(dir, 'annotations.json'), 'utf8');
    const undo = ok(await api('applyChanges', { changes: bulk.changes.map(({ id, before, after }) => ({ id, starred: before.starred, expect: { starred: after.starred } })) }));
    expect(undo).toEqual({ papers: 0, conflicts: [b], changes: [] });
    expect(readFileSync(join(dir, 'annotations.json'), 'utf8')).toBe(onDisk);
    expect(ok(await api('getPaper', { id: a })).starred).toBe(true);
  });

  it('restores exact per-paper tags after a rename that merged into an existing tag', async () => {
    const { api, ids } = await libraryWithPapers();
    const [a, b] = ids;
    ok(await api('addTags', { id: a, tags: ['llm', 'agents'] }));
    ok(await api('addTags', { id: b, tags: ['agents', 'x', 'llm'] }));
    const rename = ok(await api('renameTag', { from: 'llm', to: 'agents' }));
    expect(rename.papers).toBe(2);
    expect(ok(await api('getPaper', { id: b })).tags).toEqual(['agents', 'x']);
    ok(await api('applyChanges', { changes: [{ id: a, tags: ['llm', 'agents'], expect: { tags: ['agents'] } }, { id: b, tags: ['agents', 'x', 'llm'], expect: { tags: ['agents', 'x'] } }] }));
    expect(ok(await api('getPaper', { id: a })).tags).toEqual(['llm', 'agents']);
    expect(ok(await api('getPaper', { id: b })).tags).toEqual(['agents', 'x', 'llm']);
  });

  it('refuses an unknown paper or one named twice before writing anything', async () => {
    const { api, ids } = await libraryWithPapers();
    const unknown = await api('applyChanges', { changes: [{ id: ids[0], starred: true }, { id: 'no-such-paper', starred: true }] });
    expect(unknown.ok).toBe(false);
    const twice = await api('applyChanges', { changes: [{ id: ids[0], starred: true }, { id: ids[0], starred: false }] });
    expect(twice.ok).toBe(false);
    expect(ok(await api('getPaper', { id: ids[0] })).starred).toBe(false);
  });

  it('lists the ids of a view or a search, and exports only the papers named by ids', async () => {
    const { api, ids } = await libraryWithPapers();
    const all = ok(await api('listIds', {}));
    expect(all.ids.slice(0, 12)).toEqual(ids);
    expect(all.total).toBe(all.ids.length);
    expect(ok(await api('listIds', { offset: 3, limit: 4 })).ids).toEqual(ids.slice(3, 7));
    const exported = ok(await api('exportPapers', { format: 'json', ids: [ids[2], ids[5]] }));
    expect(exported.count).toBe(2);
    const picked = ok(await api('listPapers', { ids: [ids[5], 'unknown'] }));
    expect(picked.results.map((paper) => paper.id)).toEqual([ids[5]]);
  });
});
