/**
 * The corpus must rank exactly as one stock Lunr index over the same live papers would, however the
 * papers were split into batches, updated or removed, and with tags/notes in their own index.
 */
import { describe, expect, it } from 'vitest';
import { Corpus, type AnnotationText } from '../../../src/search/corpus/corpus.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { stockIndex } from '../stock-lunr.ts';
import { fixturePapers } from '../corpus-fixtures.ts';

const ANNOTATIONS = new Map<string, AnnotationText>([
  ['2606.00467', { tags: ['LLM evaluation', 'toread'], note: 'Compare with the psychometric paper; annotation priors matter.' }],
  ['2606.12730', { tags: ['evaluation'], note: 'Self-reports of language models, revisit the model agents section.' }],
  ['2606.13392', { tags: ['attention', 'efficiency'], note: '' }],
  ['2606.08788', { tags: ['diffusion'], note: 'Token-subset alignment; could help our diffusion model training.' }],
  ['2606.10423', { tags: ['agents', 'web'], note: 'Web agent baseline' }],
  // Annotations of a paper that is later removed must not count anywhere.
  ['2606.07867', { tags: ['agents', 'safety'], note: 'cold start agents safety' }],
]);

/** The same words through stock Lunr's syntax: every plain word required, `authors`/`tags` field names. */
const QUERIES: Array<[ours: string, stock: string]> = [
  ['llm agents', '+llm +agents'],
  ['language models', '+language +models'],
  ['title:diffusion', '+title:diffusion'],
  ['author:kocielnik', '+authors:kocielnik'],
  ['distil*', '+distil*'],
  ['atention~1', '+atention~1'],
  ['reasoning -agent', '+reasoning -agent'],
  ['multimodal -title:image', '+multimodal -title:image'],
  ['tag:agents', '+tags:agents'],
  ['tag:evaluation model', '+tags:evaluation +model'],
  ['note:revisit model', '+note:revisit +model'],
  ['model^3 language', '+model^3 +language'],
  ['diffusion', '+diffusion'],
  ['visual* abstract:token*', '+visual* +abstract:token*'],
  ['benchmark* -tag:agents', '+benchmark* -tags:agents'],
];

function scoresOf(hits: Array<{ id?: string; ref?: string; score: number }>): Map<string, number> {
  return new Map(hits.map((hit) => [hit.id ?? hit.ref ?? '', hit.score]));
}

describe('ranking across segments', () => {
  it('equals one stock Lunr index over the live papers, with updates, removals and annotations', async () => {
    const papers = fixturePapers();
    const corpus = await Corpus.open(tempDir());
    await corpus.commit({ upsert: papers.slice(0, 10), remove: [] });
    await corpus.commit({ upsert: papers.slice(10, 22), remove: [] });
    const revised = { ...papers[3]!, title: `${papers[3]!.title} with diffusion distillation`, abstract: 'Rewritten: attention agents.' };
    await corpus.commit({ upsert: [...papers.slice(22), revised], remove: ['2606.07867'] });
    expect(corpus.segmentCount).toBe(3);
    corpus.setAnnotationTexts(ANNOTATIONS);

    const live = corpus.all();
    expect(live).toHaveLength(papers.length - 1);
    const stock = stockIndex(live, ANNOTATIONS);
    for (const [ours, theirs] of QUERIES) {
      const expected = scoresOf(stock.search(theirs));
      const page = corpus.search(ours, { limit: 1000 });
      expect(expected.size, `stock Lunr finds something for ${theirs}`).toBeGreaterThan(0);
      expect(page.total, ours).toBe(expected.size);
      const actual = scoresOf(page.hits);
      expect([...actual.keys()].sort(), ours).toEqual([...expected.keys()].sort());
      for (const [id, score] of actual) expect(score, `${ours}: ${id}`).toBeCloseTo(expected.get(id)!, 9);
      // Ranked best first.
      const scores = page.hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('keeps agreeing after an annotation edit and a compaction', async () => {
    const papers = fixturePapers();
    const corpus = await Corpus.open(tempDir());
    for (let i = 0; i < papers.length; i += 7) await corpus.commit({ upsert: papers.slice(i, i + 7), remove: [] });
    const annotations = new Map(ANNOTATIONS);
    corpus.setAnnotationTexts(annotations);
    const edited = { tags: ['agents', 'diffusion'], note: 'language model agents, revisit' };
    annotations.set('2606.13120', edited);
    corpus.updateAnnotationText('2606.13120', edited);
    annotations.delete('2606.13392');
    corpus.updateAnnotationText('2606.13392', null);
    await corpus.compact({ all: true });
    expect(corpus.segmentCount).toBe(1);
    const stock = stockIndex(corpus.all(), annotations);
    for (const [ours, theirs] of QUERIES) {
      const expected = scoresOf(stock.search(theirs));
      const actual = scoresOf(corpus.search(ours, { limit: 1000 }).hits);
      expect([...actual.keys()].sort(), ours).toEqual([...expected.keys()].sort());
      for (const [id, score] of actual) expect(score, `${ours}: ${id}`).toBeCloseTo(expected.get(id)!, 9);
    }
  });
});
