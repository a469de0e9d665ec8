import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CORPUS } from './bridge-corpus.ts';
import { topicLibrary, type TopicLibrary } from './recommend-library.ts';

async function likedShelf(): Promise<TopicLibrary & { own: Set<string> }> {
  const shelf = await topicLibrary(BRIDGE_CORPUS);
  const own = new Set<string>();
  for (const id of shelf.ofTopic(0, 4)) {
    await shelf.call('setStar', { id, starred: true });
    own.add(id);
  }
  const [reading, read, noted] = shelf.ofTopic(2, 3);
  await shelf.call('setStatus', { id: reading, status: 'reading' });
  await shelf.call('setStatus', { id: read, status: 'read' });
  await shelf.call('setNote', { id: noted, text: 'worth a second look' });
  for (const id of [reading, read, noted]) own.add(id ?? '');
  return { ...shelf, own };
}

describe('recommend', () => {
  it('explains each paper by the user\'s own papers only, with the reason of each, and never recommends them', async () => {
    const shelf = await likedShelf();
    const answer = await shelf.call('recommend', { limit: 50 });
    expect(answer.model.positives).toBe(7);
    expect(answer.results).toHaveLength(50);
    for (const paper of answer.results) {
      expect(shelf.own.has(paper.id)).toBe(false);
      expect(paper.because.length).toBeGreaterThan(0);
      for (const reason of paper.because) {
        expect(shelf.own.has(reason.id)).toBe(true);
        expect(reason.title).toBe(shelf.papers.find((p) => p.id === reason.id)?.title);
      }
      expect(paper.words.length).toBeGreaterThan(0);
      for (const word of paper.words) expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toContain(word.split(' ')[0]);
    }
    const reasons = new Set(answer.results.flatMap((paper) => paper.because.map((entry) => entry.reason)));
    expect([...reasons].every((reason) => ['starred', 'reading', 'read', 'note'].includes(reason))).toBe(true);
    expect(reasons.has('starred')).toBe(true);
    const scores = answer.results.map((paper) => paper.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('never brings back a paper marked Not interested, and brings it back when the status is cleared', async () => {
    const shelf = await likedShelf();
    const first = await shelf.call('recommend', { limit: 10 });
    const dismissed = first.results.slice(0, 3).map((paper) => paper.id);
    for (const id of dismissed) await shelf.call('setStatus', { id, status: 'dismissed' });
    const everything = await shelf.call('recommend', { limit: 500 });
    expect(everything.results.length).toBe(shelf.papers.length - shelf.own.size - dismissed.length);
    for (const id of dismissed) expect(everything.results.map((paper) => paper.id)).not.toContain(id);
    // A star on a dismissed paper does not bring it back either.
    await shelf.call('setStar', { id: dismissed[0], starred: true });
    expect((await shelf.call('recommend', { limit: 500 })).results.map((paper) => paper.id)).not.toContain(dismissed[0]);
    await shelf.call('setStar', { id: dismissed[0], starred: false });

    expect((await shelf.call('listPapers', { status: 'dismissed' })).results.map((paper) => paper.id).sort()).toEqual([...dismissed].sort());
    expect((await shelf.call('stats', {})).status.dismissed).toBe(3);
    await shelf.call('setStatus', { id: dismissed[1], status: null });
    expect((await shelf.call('recommend', { limit: 500 })).results.map((paper) => paper.id)).toContain(dismissed[1]);
  });

  it('retrains when a star changes the signals (the ranking follows), and reuses the model while they stay the same', async () => {
    const shelf = await topicLibrary(BRIDGE_CORPUS);
    for (const id of shelf.ofTopic(0, 3)) await shelf.call('setStar', { id, starred: true });
    const before = await shelf.call('recommend', { limit: 20 });
    const again = await shelf.call('recommend', { limit: 20 });
    expect(again.model.trainedAt).toBe(before.model.trainedAt);
    expect(again.results.map((paper) => paper.id)).toEqual(before.results.map((paper) => paper.id));
    expect(before.results.filter((paper) => shelf.topicOf.get(paper.id) === 4).length).toBe(0);

    // Stars on a far topic: papers of it now rank, and the model is a new one.
    for (const id of shelf.ofTopic(4, 6)) await shelf.call('setStar', { id, starred: true });
    const after = await shelf.call('recommend', { limit: 20 });
    expect(after.model.positives).toBe(9);
    expect(after.model.trainedAt).not.toBe(before.model.trainedAt);
    expect(after.results.filter((paper) => shelf.topicOf.get(paper.id) === 4).length).toBeGreaterThanOrEqual(5);
  });

  it('falls back to upvotes and says so with fewer than 3 positives', async () => {
    const shelf = await topicLibrary({ topics: 3, perTopic: 20 });
    await shelf.call('setStar', { id: shelf.ofTopic(0, 1)[0], starred: true });
    const answer = await shelf.call('recommend', { limit: 5 });
    expect(answer.model).toEqual({ positives: 1, negatives: 59, trainedAt: null, coldStart: true });
    const upvotes = answer.results.map((paper) => paper.upvotes ?? -1);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    const best = Math.max(...shelf.papers.filter((paper) => paper.id !== shelf.ofTopic(0, 1)[0]).map((paper) => paper.upvotes ?? 0));
    expect(upvotes[0]).toBe(best);
  });

  it('keeps only papers published since a date', async () => {
    const shelf = await likedShelf();
    const answer = await shelf.call('recommend', { since: '2026-03-20', limit: 500 });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((paper) => (paper.published ?? '') >= '2026-03-20')).toBe(true);
    const expected = shelf.papers.filter((paper) => !shelf.own.has(paper.id) && (paper.published ?? '') >= '2026-03-20').length;
    expect(answer.results).toHaveLength(expected);
  });

  it('keeps features per segment in the data folder, computes a new segment\'s on first use and drops those of segments no longer listed', async () => {
    const shelf = await likedShelf();
    await shelf.call('recommend', { limit: 5 });
    const featuresDir = join(shelf.dir, 'recommend', 'features');
    const segments = () => readdirSync(join(shelf.dir, 'papers')).filter((name) => name.endsWith('.jsonl')).map((name) => name.replace('.jsonl', ''));
    const cached = () => readdirSync(featuresDir).filter((name) => name.endsWith('.bin')).map((name) => name.replace('.bin', '')).sort();
    expect(cached()).toEqual(segments().sort());

    const extra = { ...shelf.papers[0], id: 't:new-paper', title: `${shelf.papers[0]?.title} again` };
    await shelf.call('importText', { text: JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-02T00:00:00.000Z', papers: [extra], annotations: {} }), format: 'json' });
    const withNew = await shelf.call('recommend', { limit: 500 });
    expect(withNew.results.map((paper) => paper.id)).toContain('t:new-paper');
    expect(cached()).toHaveLength(2);

    // A segment merged away (or removed) leaves the manifest: its features go at the next call.
    writeFileSync(join(featuresDir, 'seg-9999.bin'), 'stale');
    await shelf.call('importText', { text: JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-03T00:00:00.000Z', papers: [{ ...extra, id: 't:newer-paper' }], annotations: {} }), format: 'json' });
    await shelf.call('recommend', { limit: 5 });
    expect(cached()).toEqual(segments().sort());
    expect(cached()).toHaveLength(3);
  });
});
