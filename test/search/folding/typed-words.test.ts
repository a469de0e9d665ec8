/**
 * Accented words beyond a plain query word: wildcards (`łuk*`, `MÜLL*`) are folded like indexed
 * words, and the highlight of what an accent-free query found covers the accented word in the
 * original text.
 */
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { readFixture, tempDir } from '../../helpers/fixtures.ts';
import { makePaper } from '../corpus-fixtures.ts';

const AUTHORS = ['Łukasz Wróbel', 'Zoë Müller', 'Niccolò Biondi'];
const PAPERS = [
  makePaper({ id: 'p-lw', title: 'İstanbul sparse rewards, (Straße) networks', authors: AUTHORS }),
  makePaper({ id: 'p-other', title: 'Dense rewards for grasping', authors: ['Ada Lovelace'] }),
];

async function corpusOf(): Promise<Corpus> {
  const corpus = await Corpus.open(tempDir());
  await corpus.commit({ upsert: PAPERS, remove: [] });
  return corpus;
}

const marked = (text: string, positions: ReadonlyArray<readonly [number, number]> | undefined) => positions?.map(([start, length]) => text.slice(start, start + length));

describe('highlights of folded words', () => {
  it('cover the accented name an accent-free query found in the recorded Daily Papers', async () => {
    const library = await Library.open(tempDir());
    await library.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
    for (const query of ['niccolo', 'NICCOLÒ']) {
      const page = library.search(query);
      expect(page.total, query).toBe(1);
      const result = page.results[0]!;
      expect(result.authors).toContain('Niccolò Biondi');
      const match = result.matches.find((m) => m.field === 'authors');
      const authors = result.authors.join(', ');
      expect(marked(authors, match?.positions), query).toEqual(['Niccolò']);
    }
    await library.close();
  });

  it('cover Łukasz, Müller, İstanbul and Straße, whichever spelling found them', async () => {
    const corpus = await corpusOf();
    const authors = AUTHORS.join(', ');
    const title = PAPERS[0]!.title;
    const cases: Array<[query: string, field: 'authors' | 'title', text: string, expected: string]> = [
      ['lukasz', 'authors', authors, 'Łukasz'],
      ['ŁUKASZ', 'authors', authors, 'Łukasz'],
      ['muller', 'authors', authors, 'Müller'],
      ['niccolo', 'authors', authors, 'Niccolò'],
      ['istanbul', 'title', title, 'İstanbul'],
      ['strasse', 'title', title, 'Straße'],
    ];
    for (const [query, field, text, expected] of cases) {
      const hit = corpus.search(query).hits[0];
      expect(hit?.id, query).toBe('p-lw');
      expect(marked(text, hit?.matches.find((m) => m.field === field)?.positions), query).toEqual([expected]);
    }
    await corpus.close();
  });
});

describe('wildcards', () => {
  it('fold a wildcard word before matching it, so łuk* and MÜLL* find the folded names', async () => {
    const corpus = await corpusOf();
    for (const query of ['łuk*', 'ŁUK*', 'luk*', 'wrób*', 'MÜLL*', 'author:niccol*', '(zoë*)']) {
      expect(corpus.search(query).hits.map((hit) => hit.id), query).toEqual(['p-lw']);
    }
    await corpus.close();
  });
});
