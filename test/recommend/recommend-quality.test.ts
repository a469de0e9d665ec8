import { describe, expect, it } from 'vitest';
import { centroidWeights, precision, rankBy } from '../../src/recommend/baselines.ts';
import { buildMatrix } from '../../src/recommend/feature-matrix.ts';
import { featuresOfPapers } from '../../src/recommend/segment-features.ts';
import { BRIDGE_CORPUS } from './bridge-corpus.ts';
import { topicLibrary } from './recommend-library.ts';

/*
 * On a corpus with known topics, the learned model finds the user's topics: stars on topic 0 and a
 * tag on topic 2, with a broad topic between them that repeats both their shared words.
 */
describe('recommendation quality on a corpus with known topics', () => {
  it('ranks the starred and tagged topics first (precision@20 at least 0.85), where the tf-idf centroid of the same papers does worse', async () => {
    const shelf = await topicLibrary(BRIDGE_CORPUS);
    const stars = shelf.ofTopic(0, 6);
    const tagged = shelf.ofTopic(2, 6);
    for (const id of stars) await shelf.call('setStar', { id, starred: true });
    for (const id of tagged) await shelf.call('addTags', { id, tags: ['agents'] });

    const all = await shelf.call('recommend', { limit: 20 });
    expect(all.model).toMatchObject({ positives: 12, coldStart: false });
    const liked = (id: string) => [0, 2].includes(shelf.topicOf.get(id) ?? -1);
    const svmPrecision = all.results.filter((paper) => liked(paper.id)).length / all.results.length;
    expect(all.results).toHaveLength(20);
    expect(svmPrecision).toBeGreaterThanOrEqual(0.85);

    const byTag = await shelf.call('recommend', { tag: 'agents', limit: 20 });
    expect(byTag.model.positives).toBe(6);
    expect(byTag.results.filter((paper) => shelf.topicOf.get(paper.id) === 2).length / 20).toBeGreaterThanOrEqual(0.85);

    // The baseline on the very same features and papers.
    const matrix = buildMatrix([{ features: featuresOfPapers('seg', { bytes: 0, crc: null }, shelf.papers), masked: new Set() }]);
    const positives = [...stars, ...tagged].map((id) => matrix.row.get(id) ?? -1);
    const centroid = rankBy(matrix, centroidWeights(matrix, positives), new Set(positives), 20);
    const centroidPrecision = precision(centroid, (row) => liked(matrix.ids[row] ?? ''));
    console.log(`precision@20: linear SVM ${svmPrecision.toFixed(2)}, tf-idf centroid ${centroidPrecision.toFixed(2)}`);
    expect(centroidPrecision).toBeLessThan(svmPrecision);
  });
});
