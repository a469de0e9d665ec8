/**
 * Papershelf's own index format and evaluator must give exactly what stock Lunr gives on the same
 * documents: the same hits, the same scores and the same match positions, for every kind of query,
 * however the papers were split into segments, updated, removed, merged and annotated.
 */
import lunr from 'lunr';
import { beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../src/model/errors.ts';
import type { StoredPaper } from '../../src/model/paper.ts';
import { Corpus, type AnnotationText } from '../../src/search/corpus/corpus.ts';
import { trimmedBounds } from '../../src/search/index/lunr-internals.ts';
import { annotationFieldText, paperFieldText, type SearchField } from '../../src/search/analysis/fields.ts';
import { buildVocabulary, seededRandom, syntheticPapers } from '../bench/synthetic-library.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { isStopWord, mixedQueries as queries } from './query-kinds.ts';
import { stockIndex } from './stock-lunr.ts';
import { fixturePapers } from './corpus-fixtures.ts';

function narrowed(text: string, [start, length]: [number, number]): [number, number] {
  const [lead, trail] = trimmedBounds(text.slice(start, start + length));
  return lead + trail >= length ? [start, length] : [start + lead, length - lead - trail];
}

let corpus: Corpus;
let stock: lunr.Index;
let live: Map<string, StoredPaper>;
let annotations: Map<string, AnnotationText>;
let words: string[];

beforeAll(async () => {
  const vocabulary = buildVocabulary(3);
  const papers = [...fixturePapers(), ...syntheticPapers(vocabulary, 0, 640, 3)];
  corpus = await Corpus.open(tempDir());
  for (let i = 0; i < papers.length; i += 160) await corpus.commit({ upsert: papers.slice(i, i + 160), remove: [] });
  const revised = papers.slice(100, 130).map((paper, i) => ({ ...paper, title: `${paper.title} ${vocabulary.words[200 + i]}`, abstract: paper.abstract.slice(0, 700) }));
  await corpus.commit({ upsert: revised, remove: papers.slice(300, 320).map((p) => p.id) });
  await corpus.compact();
  await corpus.commit({ upsert: syntheticPapers(vocabulary, 5000, 60, 3), remove: [papers[5]!.id] });
  annotations = new Map();
  const random = seededRandom(11);
  for (const paper of corpus.all().filter((_, i) => i % 9 === 0)) {
    const pick = () => vocabulary.words[Math.floor(random() * 300)]!;
    annotations.set(paper.id, { tags: [pick(), `${pick()} ${pick()}`], note: `Read ${pick()} and ${pick()}, then ${pick()}.` });
  }
  corpus.setAnnotationTexts(annotations);
  live = new Map(corpus.all().map((paper) => [paper.id, paper]));
  stock = stockIndex([...live.values()], annotations);
  words = vocabulary.words
    .slice(0, 3000)
    .map((w) => w.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((w) => w.length >= 3 && !isStopWord(w));
}, 120_000);

function fieldText(id: string, field: SearchField): string {
  if (field === 'tags' || field === 'note') {
    const text = annotations.get(id);
    return text ? annotationFieldText(text, field) : '';
  }
  return paperFieldText(live.get(id)!, field);
}

describe('equality with stock Lunr', () => {
  it('finds the same papers with the same scores and positions for 600 mixed queries', () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const [ours, theirs] of queries(words, 5, 600)) {
      let page;
      try {
        page = corpus.search(ours, { limit: 10_000 });
      } catch (error) {
        // Refused as too broad (a wildcard over 1,000 words): a readable error, never a wrong answer.
        expect(error, ours).toBeInstanceOf(QueryError);
        continue;
      }
      const expected = stock.search(theirs);
      compared++;
      if (expected.length > 0) nonEmpty++;
      expect(page.total, ours).toBe(expected.length);
      const scores = new Map(expected.map((hit) => [hit.ref, hit]));
      for (const hit of page.hits) {
        const theirsHit = scores.get(hit.id);
        expect(theirsHit, `${ours}: ${hit.id}`).toBeDefined();
        expect(hit.score, `${ours}: ${hit.id}`).toBeCloseTo(theirsHit!.score, 9);
      }
      for (const hit of page.hits.slice(0, 5)) {
        const metadata = scores.get(hit.id)!.matchData.metadata as Record<string, Record<string, { position: Array<[number, number]> }>>;
        const stockMatches = Object.entries(metadata)
          .flatMap(([term, fields]) => Object.entries(fields).map(([field, data]) => ({ field, term, positions: data.position.map((p) => narrowed(fieldText(hit.id, field as SearchField), p)) })))
          .sort((a, b) => (a.field === b.field ? (a.term < b.term ? -1 : 1) : a.field < b.field ? -1 : 1));
        const ourMatches = [...hit.matches].sort((a, b) => (a.field === b.field ? (a.term < b.term ? -1 : 1) : a.field < b.field ? -1 : 1));
        expect(ourMatches, `${ours}: ${hit.id}`).toEqual(stockMatches);
      }
    }
    expect(compared).toBeGreaterThan(520);
    expect(nonEmpty).toBeGreaterThan(380);
  }, 180_000);

  it('finds a phrase among the papers holding all its words, with their scores', () => {
    const random = seededRandom(21);
    const papers = [...live.values()];
    let checked = 0;
    let narrower = 0;
    for (let i = 0; i < 200; i++) {
      const paper = papers[Math.floor(random() * papers.length)]!;
      const raw = paper.abstract.split(/[\s-]+/);
      const at = Math.floor(random() * (raw.length - 1));
      const [x, y] = [raw[at] ?? '', raw[at + 1] ?? ''];
      if (![x, y].every((w) => /^[a-z]{3,}$/i.test(w) && !isStopWord(w.toLowerCase()))) continue;
      const page = corpus.search(`"${x} ${y}"`, { limit: 10_000 });
      const expected = new Map(stock.search(`+${x} +${y}`).map((hit) => [hit.ref, hit.score]));
      expect(page.hits.map((hit) => hit.id)).toContain(paper.id);
      for (const hit of page.hits) expect(hit.score, `"${x} ${y}" ${hit.id}`).toBeCloseTo(expected.get(hit.id)!, 9);
      expect(page.total).toBeLessThanOrEqual(expected.size);
      if (page.total < expected.size) narrower++;
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(narrower).toBeGreaterThan(0);
  });

  it('ranks best first, ties by id, and pages through the same order', () => {
    for (const query of ['model', 'learning reinforcement', 'optim*', 'title:model']) {
      const all = corpus.search(query, { limit: 10_000 }).hits;
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        expect(a.score > b.score || (a.score === b.score && a.id < b.id), `${query} at ${i}`).toBe(true);
      }
      const paged = [0, 1, 2, 3].flatMap((page) => corpus.search(query, { limit: 7, offset: page * 7 }).hits.map((h) => h.id));
      expect(paged).toEqual(all.slice(0, 28).map((h) => h.id));
      // Every hit without positions (to sort them another way), then positions for the page shown.
      const bare = corpus.search(query, { limit: 10_000, withMatches: false });
      expect(bare.hits.map((h) => [h.id, h.score])).toEqual(all.map((h) => [h.id, h.score]));
      expect(bare.hits.every((h) => h.matches.length === 0)).toBe(true);
      expect(bare.hits.slice(0, 20).map((h) => corpus.matchesOf(h.id, bare.scoringTerms))).toEqual(all.slice(0, 20).map((h) => h.matches));
    }
  });
});
