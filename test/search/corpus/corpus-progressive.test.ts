/**
 * Opening newest segment first: queries run at once over the papers loaded so far (and say so),
 * and once everything is loaded the corpus is exactly the one a plain open gives, damage included.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { IndexOnlyCorpus } from '../../../src/search/corpus/index-only-corpus.ts';
import { buildVocabulary, syntheticPapers } from '../../bench/synthetic-library.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const vocabulary = buildVocabulary(7);
const QUERIES = ['model', 'learning policy', 'optim*', 'title:zeppelin'];

async function threeSegments() {
  const dataDir = tempDir();
  const corpus = await Corpus.open(dataDir);
  const batches = [0, 1, 2].map((i) => syntheticPapers(vocabulary, i * 40, 40, 7));
  await corpus.commit({ upsert: batches[0]!, remove: [] });
  await corpus.commit({ upsert: batches[1]!, remove: [] });
  const revised = { ...batches[0]![0]!, title: 'Zeppelin revised' };
  await corpus.commit({ upsert: [...batches[2]!, revised], remove: [] });
  return { dataDir, batches, revised };
}

describe('a progressive open', () => {
  it('answers over the newest segment first, then over everything', async () => {
    const { dataDir, batches, revised } = await threeSegments();
    const corpus = await Corpus.open(dataDir, { progressive: true });
    expect(corpus.loading).toEqual({ segmentsLoaded: 1, segments: 3, papersLoaded: 41, papers: 121 });
    expect(corpus.size).toBe(41);
    expect(corpus.get(batches[0]![5]!.id)).toBeUndefined();
    const partial = corpus.search('model', { limit: 100 });
    expect(partial.loading).toEqual(corpus.loading);
    const newest = new Set([...batches[2]!.map((p) => p.id), revised.id]);
    expect(partial.hits.every((hit) => newest.has(hit.id))).toBe(true);
    expect(corpus.search('title:zeppelin').hits.map((h) => h.id)).toEqual([revised.id]);

    await corpus.whenLoaded();
    expect(corpus.loading).toBeNull();
    const plain = await Corpus.open(dataDir);
    expect(corpus.all().map((p) => p.id)).toEqual(plain.all().map((p) => p.id));
    for (const query of QUERIES) expect(corpus.search(query, { limit: 50 }), query).toEqual(plain.search(query, { limit: 50 }));
    expect(corpus.get(revised.id)).toEqual(revised);
  });

  it('repairs and reports a damaged segment once loading reaches it', async () => {
    const { dataDir } = await threeSegments();
    rmSync(join(dataDir, 'papers', 'seg-0002.idx'));
    const corpus = await Corpus.open(dataDir, { progressive: true });
    await corpus.whenLoaded();
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0002: its index file is missing.*re-indexed/)]);
    expect(corpus.size).toBe(120);
    expect((await Corpus.open(dataDir)).problems).toEqual([]);
  });

  it('loads indexes alone for a search process, with the same results', async () => {
    const { dataDir } = await threeSegments();
    const plain = await Corpus.open(dataDir);
    for (const progressive of [false, true]) {
      const indexes = await IndexOnlyCorpus.open(dataDir, progressive);
      await indexes.whenLoaded();
      expect(indexes.size).toBe(plain.size);
      for (const query of QUERIES) {
        const ours = indexes.search(query, { offset: 0, limit: 50 });
        expect(ours.page.map(({ id, score }) => ({ id, score })), query).toEqual(plain.search(query, { limit: 50 }).hits.map(({ id, score }) => ({ id, score })));
      }
    }
  });
});
