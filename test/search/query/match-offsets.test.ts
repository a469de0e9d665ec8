/** Highlight positions are offsets into the original text, whatever lower-casing does to its length. */
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { LowerCaseOffsets } from '../../../src/search/query/matches.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { makePaper } from '../corpus-fixtures.ts';

const TITLE = 'İİİ İstanbul transformers: Straße 🚀 models, ẞ ok';
const ABSTRACT = 'Über İ-İ (attention) 👩‍🔬 for STRASSE models; ΣΑΣ attention.';

const marked = (text: string, positions: Array<[number, number]>) => positions.map(([start, length]) => text.slice(start, start + length));

describe('match offsets', () => {
  it('slice the matched words out of text with İ, ß and emoji', async () => {
    const corpus = await Corpus.open(tempDir());
    await corpus.commit({ upsert: [makePaper({ id: 'u1', title: TITLE, abstract: ABSTRACT })], remove: [] });
    const hit = corpus.search('models attention İstanbul strasse', { limit: 1 }).hits[0]!;
    const byTerm = new Map(hit.matches.map((match) => [`${match.field}:${match.term}`, match.positions]));
    expect(marked(TITLE, byTerm.get('title:model')!)).toEqual(['models']);
    expect(marked(ABSTRACT, byTerm.get('abstract:model')!)).toEqual(['models']);
    expect(marked(ABSTRACT, byTerm.get('abstract:attent')!)).toEqual(['attention', 'attention']);
    expect(marked(ABSTRACT, byTerm.get('abstract:strass')!)).toEqual(['STRASSE']);
    // "İstanbul" lowers to "i̇stanbul" (one letter more): the mark covers the original word.
    const istanbul = hit.matches.find((match) => match.field === 'title' && TITLE.slice(match.positions[0]![0]).startsWith('İstanbul'));
    expect(istanbul && marked(TITLE, istanbul.positions)).toEqual(['İstanbul']);
    for (const match of hit.matches) {
      const text = match.field === 'title' ? TITLE : ABSTRACT;
      for (const [start, length] of match.positions) {
        expect(start + length).toBeLessThanOrEqual(text.length);
        // Never half of a surrogate pair.
        expect(text.slice(start, start + length)).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }
    }
  });

  it('mark whole words that begin or end with letters outside ASCII', async () => {
    const corpus = await Corpus.open(tempDir());
    const authors = ['Łukasz Wróbel', 'Zoë Müller', 'İlker Ağça'];
    await corpus.commit({ upsert: [makePaper({ id: 'u2', title: 'Names', abstract: 'x', authors })], remove: [] });
    const text = authors.join(', ');
    for (const [query, word] of [['lukasz', 'Łukasz'], ['zoe', 'Zoë'], ['agca', 'Ağça'], ['wrob*', 'Wróbel'], ['Müller', 'Müller']] as const) {
      const hit = corpus.search(`author:${query}`).hits[0];
      expect(hit?.id, query).toBe('u2');
      expect(hit!.matches.flatMap((match) => marked(text, match.positions)), query).toEqual([word]);
    }
  });

  it('map spans of the lower-cased text back to the original', () => {
    const text = 'aİb🚀İc';
    const offsets = new LowerCaseOffsets(text);
    expect(offsets.lower.length).toBe(text.length + 2);
    const at = (word: string) => offsets.lower.indexOf(word);
    expect(offsets.toOriginal(at('b'), 1)).toEqual([text.indexOf('b'), 1]);
    expect(offsets.toOriginal(at('c'), 1)).toEqual([text.indexOf('c'), 1]);
    // The whole lowered "i̇" (two units) is the one original "İ".
    expect(offsets.toOriginal(1, 2)).toEqual([1, 1]);
    // Half of it still marks the whole letter.
    expect(offsets.toOriginal(1, 1)).toEqual([1, 1]);
    expect(offsets.toOriginal(0, offsets.lower.length)).toEqual([0, text.length]);
    expect(new LowerCaseOffsets('Straße').toOriginal(2, 4)).toEqual([2, 4]);
  });
});
