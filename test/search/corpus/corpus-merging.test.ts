/**
 * Background merging: small segments are merged after commits without losing or resurrecting a
 * paper, whatever commits happen while a merge is being computed, and searches give what they gave
 * before the merge. Large batches are indexed in the worker thread with the same result.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { MERGE_WIDTH } from '../../../src/search/corpus/merge-policy.ts';
import { indexingCounter } from '../../../src/search/index/segment-index-build.ts';
import { WORKER_BATCH_MIN } from '../../../src/search/worker/segment-worker.ts';
import { withWriteLock } from '../../../src/store/write-lock.ts';
import { buildVocabulary, syntheticPapers } from '../../bench/synthetic-library.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const vocabulary = buildVocabulary(6);
const batch = (i: number, size = 30) => syntheticPapers(vocabulary, i * size, size, 6);
const QUERIES = ['model', 'learning policy', 'optim*', 'title:model', 'reasonnig~1'];
const results = (corpus: Corpus) => QUERIES.map((query) => corpus.search(query, { limit: 30 }));

describe('background merging', () => {
  for (const worker of [true, false]) {
    it(`merges ${MERGE_WIDTH} small segments into one with the same results (${worker ? 'worker' : 'same thread'})`, async () => {
      const merged = await Corpus.open(tempDir(), { backgroundMerge: true, worker });
      const plain = await Corpus.open(tempDir());
      for (let i = 0; i <= MERGE_WIDTH; i++) {
        await merged.commit({ upsert: batch(i), remove: [] });
        await plain.commit({ upsert: batch(i), remove: [] });
      }
      await merged.settled();
      expect(plain.segmentCount).toBe(MERGE_WIDTH + 1);
      expect(merged.segmentCount).toBe(2);
      expect(merged.size).toBe((MERGE_WIDTH + 1) * 30);
      expect(results(merged)).toEqual(results(plain));
      const reopened = await Corpus.open(merged.dataDir);
      expect(reopened.problems).toEqual([]);
      expect(results(reopened)).toEqual(results(plain));
      await merged.close();
    });
  }

  it('merges the small segments a library already has when a long-running process opens it', async () => {
    const dataDir = tempDir();
    const oneShot = await Corpus.open(dataDir);
    for (let i = 0; i <= MERGE_WIDTH; i++) await oneShot.commit({ upsert: batch(i), remove: [] });
    expect(oneShot.segmentCount).toBe(MERGE_WIDTH + 1);
    const server = await Corpus.open(dataDir, { backgroundMerge: true, progressive: true });
    await server.whenLoaded();
    await server.settled();
    expect(server.segmentCount).toBe(2);
    expect(results(server)).toEqual(results(oneShot));
    await server.close();
  });

  it('takes the write lock itself even when started inside a caller holding it', async () => {
    const dataDir = tempDir();
    const corpus = await Corpus.open(dataDir, { backgroundMerge: true });
    // As the Library imports: every commit inside the caller's own lock section.
    for (let i = 0; i < 31; i++) await withWriteLock(dataDir, () => corpus.commit({ upsert: batch(i), remove: [] }));
    await corpus.settled();
    expect(corpus.segmentCount).toBeLessThan(31);
    const reopened = await Corpus.open(dataDir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.size).toBe(31 * 30);
    expect(corpus.size).toBe(31 * 30);
    await corpus.close();
  });

  it('keeps papers replaced or removed while the merge was computed masked', async () => {
    const dataDir = tempDir();
    const corpus = await Corpus.open(dataDir, { backgroundMerge: true });
    const batches = Array.from({ length: MERGE_WIDTH }, (_, i) => batch(i));
    for (const papers of batches) await corpus.commit({ upsert: papers, remove: [] });
    // The merge of those segments is now running; these commits land before it is written.
    const revised = { ...batches[0]![3]!, title: 'Zeppelin revised title' };
    const removed = batches[1]![4]!.id;
    await corpus.commit({ upsert: [revised], remove: [removed] });
    await corpus.settled();
    expect(corpus.segmentCount).toBe(2);
    for (const view of [corpus, await Corpus.open(dataDir)]) {
      expect(view.size).toBe(MERGE_WIDTH * 30 - 1);
      expect(view.get(revised.id)).toEqual(revised);
      expect(view.get(removed)).toBeUndefined();
      expect(view.all().filter((p) => p.id === revised.id)).toHaveLength(1);
      expect(view.search('title:zeppelin').hits.map((h) => h.id)).toEqual([revised.id]);
    }
    await corpus.close();
  });
});

describe('indexing a large batch', () => {
  it('gives the same segments in the worker thread as on this one', async () => {
    const papers = syntheticPapers(vocabulary, 20_000, WORKER_BATCH_MIN + 700, 6);
    const inWorker = await Corpus.open(tempDir());
    const inline = await Corpus.open(tempDir(), { worker: false });
    const indexedHere = indexingCounter.papers;
    await inWorker.commit({ upsert: papers, remove: [] });
    // Tokenized in the worker thread, whose counter is its own.
    expect(indexingCounter.papers).toBe(indexedHere);
    await inline.commit({ upsert: papers, remove: [] });
    expect(indexingCounter.papers).toBe(indexedHere + papers.length);
    expect(inWorker.segmentCount).toBe(inline.segmentCount);
    expect(results(inWorker)).toEqual(results(inline));
    const reopened = await Corpus.open(inWorker.dataDir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.all()).toEqual(inline.all());
    expect(results(reopened)).toEqual(results(inline));
    expect(readdirSync(join(inWorker.dataDir, 'papers')).filter((name) => name.startsWith('staged-'))).toEqual([]);
    await inWorker.close();
  });
});
