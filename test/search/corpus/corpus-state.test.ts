/**
 * A commit updates the in-memory state by difference (new segments, newly masked papers, dropped
 * segments) instead of rebuilding it: after any sequence of commits, removals and merges it must be
 * the state a fresh open builds from the files.
 */
import { describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { buildVocabulary, seededRandom, syntheticPapers } from '../../bench/synthetic-library.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const QUERIES = ['model', 'learning reinforcement', 'optim*', 'title:model -abstract:learning', 'atention~1'];

function snapshot(corpus: Corpus) {
  return {
    ids: corpus.all().map((paper) => paper.id),
    size: corpus.size,
    results: QUERIES.map((query) => corpus.search(query, { limit: 20 })),
  };
}

describe('the state after commits', () => {
  it('equals a freshly opened corpus after every step of a random history', async () => {
    const vocabulary = buildVocabulary(5);
    const pool = syntheticPapers(vocabulary, 0, 400, 5);
    const random = seededRandom(17);
    const dataDir = tempDir();
    const corpus = await Corpus.open(dataDir);
    const known: StoredPaper[] = [];
    for (let step = 0; step < 24; step++) {
      const action = step % 6 === 5 ? 'compact' : 'commit';
      if (action === 'compact') {
        await corpus.compact({ all: step % 12 === 11 });
      } else {
        const fresh = pool.splice(0, 10 + Math.floor(random() * 40));
        const revised = known.filter(() => random() < 0.08).map((paper) => ({ ...paper, title: `${paper.title} revised ${step}`, upvotes: step }));
        const removed = known.filter(() => random() < 0.04).map((paper) => paper.id);
        await corpus.commit({ upsert: [...fresh, ...revised], remove: removed });
        known.push(...fresh);
      }
      const reopened = await Corpus.open(dataDir);
      expect(snapshot(corpus), `step ${step} (${action})`).toEqual(snapshot(reopened));
      for (const id of reopened.all().map((p) => p.id).slice(0, 50)) expect(corpus.get(id)).toEqual(reopened.get(id));
    }
    expect(corpus.size).toBeGreaterThan(200);
  });
});
