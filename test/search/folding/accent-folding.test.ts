/**
 * Accents and case fold both ways: a name typed with or without its accents, in any case, finds the
 * same papers, on the recorded Daily Papers (Niccolò Biondi, Boglárka Ecsedi, Raphaël Baena), on the
 * names that have letters NFD cannot decompose (Łukasz Wróbel, Zoë Müller, ß, ø, æ, đ, ı/İ), and
 * letters of other scripts stay searchable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { parseHfPage } from '../../../src/importers/hf-page.ts';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { PAPER_FIELDS, paperFieldText } from '../../../src/search/analysis/fields.ts';
import { buildPaperIndex } from '../../../src/search/index/segment-index-build.ts';
import { REPO_ROOT, tempDir } from '../../helpers/fixtures.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';

const ids = (corpus: Corpus, query: string) =>
  corpus
    .search(query, { limit: 100 })
    .hits.map((hit) => hit.id)
    .sort();

/** Every spelling finds exactly `expected` (and the first spelling is not empty). */
function expectSame(corpus: Corpus, spellings: string[], expected: string[]): void {
  for (const query of spellings) expect(ids(corpus, query), query).toEqual([...expected].sort());
}

const NAMES: StoredPaper[] = [
  makePaper({ id: 'p-lw', title: 'Sparse rewards for dexterous grasping', authors: ['Łukasz Wróbel', 'Zoë Müller'] }),
  makePaper({ id: 'p-de', title: 'Straße networks of Ærø and Øresund', abstract: 'Mapped by Đorđe Petrović in İstanbul.', authors: ['Søren Kierkegaard'] }),
  makePaper({ id: 'p-ascii', title: 'Lukasz and Muller, spelled plainly', abstract: 'Strasse, aero, oresund, istanbul, dorde.', authors: ['Zoe Wrobel'] }),
  makePaper({ id: 'p-cjk', title: '日本語の 大規模言語モデル', abstract: 'हिंदी पाठ и русский текст: йогурт.', authors: ['山田 太郎'] }),
];

async function corpusOf(papers: StoredPaper[]): Promise<Corpus> {
  const corpus = await Corpus.open(tempDir());
  await corpus.commit({ upsert: papers, remove: [] });
  return corpus;
}

describe('accent and case folding on the recorded Daily Papers', () => {
  it('finds Niccolò Biondi, Boglárka Ecsedi and Raphaël Baena however the name is typed', async () => {
    const papers = fixturePapers();
    const corpus = await corpusOf(papers);
    const by = (name: string) => papers.filter((paper) => paper.authors.includes(name)).map((paper) => paper.id);
    expect(by('Niccolò Biondi')).toHaveLength(1);
    expectSame(corpus, ['niccolo', 'Niccolò', 'NICCOLO', 'niccolò', 'NICCOLÒ', 'author:niccolo', 'Niccolo Biondi'], by('Niccolò Biondi'));
    expectSame(corpus, ['boglarka', 'Boglárka', 'BOGLARKA', 'author:boglárka ecsedi'], by('Boglárka Ecsedi'));
    expectSame(corpus, ['raphael baena', 'Raphaël', 'RAPHAËL BAENA'], by('Raphaël Baena'));
    // Fuzzy words are folded before the automaton is built.
    expectSame(corpus, ['nicolò~1', 'NICOLO~1'], by('Niccolò Biondi'));
  });
});

describe('accent and case folding beyond what NFD decomposes', () => {
  it('finds Łukasz Wróbel and Zoë Müller by ASCII, accented and upper-case spellings, and the ASCII spellings by accented queries', async () => {
    const corpus = await corpusOf(NAMES);
    expectSame(corpus, ['lukasz', 'Łukasz', 'ŁUKASZ', 'LUKASZ'], ['p-lw', 'p-ascii']);
    expectSame(corpus, ['author:lukasz', 'author:Łukasz'], ['p-lw']);
    expectSame(corpus, ['wrobel', 'Wróbel', 'WRÓBEL', 'author:wrobel'], ['p-lw', 'p-ascii']);
    expectSame(corpus, ['muller', 'Müller', 'MÜLLER', 'zoe', 'Zoë', 'ZOË'], ['p-lw', 'p-ascii']);
    expectSame(corpus, ['author:"Zoë Müller"', 'author:łukasz author:MULLER'], ['p-lw']);
  });

  it('folds ß, ø, æ, đ and dotted and dotless i both ways', async () => {
    const corpus = await corpusOf(NAMES);
    expectSame(corpus, ['strasse', 'Straße', 'STRASSE', 'STRAẞE'], ['p-de', 'p-ascii']);
    expectSame(corpus, ['aero', 'Ærø', 'ÆRØ'], ['p-de', 'p-ascii']);
    expectSame(corpus, ['oresund', 'Øresund'], ['p-de', 'p-ascii']);
    expectSame(corpus, ['dorde', 'Đorđe', 'ĐORĐE'], ['p-de', 'p-ascii']);
    expectSame(corpus, ['istanbul', 'İstanbul', 'ISTANBUL', 'ıstanbul'], ['p-de', 'p-ascii']);
    expectSame(corpus, ['soren', 'Søren', 'petrovic', 'Petrović'], ['p-de']);
  });

  it('keeps other scripts searchable as they are, marks and all', async () => {
    const corpus = await corpusOf(NAMES);
    expectSame(corpus, ['日本語の', '山田', 'हिंदी', 'йогурт', 'ЙОГУРТ', 'русский'], ['p-cjk']);
    // A Cyrillic "й" is its own letter, not an accented "и".
    expect(ids(corpus, 'иогурт')).toEqual([]);
  });
});

describe('the sample listing (ASCII text)', () => {
  const listing = parseHfPage(readFileSync(join(REPO_ROOT, 'assets/samples/hf-papers-page.txt'), 'utf8'), { today: '2026-11-26' });
  const papers = listing.papers.map((paper, i) => makePaper({ ...paper, id: `s${i}` }));

  it("is indexed with exactly the terms of Lunr's own analysis, so upgrading an ASCII library changes no result", () => {
    const builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    builder.ref('ref');
    for (const field of PAPER_FIELDS) builder.field(field);
    papers.forEach((paper, line) => builder.add({ ref: String(line), ...Object.fromEntries(PAPER_FIELDS.map((f) => [f, paperFieldText(paper, f)])) }));
    const stock = builder as unknown as { invertedIndex: Record<string, unknown>; fieldLengths: Record<string, number> };
    const index = buildPaperIndex(papers);
    expect(papers.length).toBeGreaterThan(50);
    expect(index.terms).toEqual(Object.keys(stock.invertedIndex).sort());
    papers.forEach((_, line) => PAPER_FIELDS.forEach((field, f) => expect(index.fieldLength(f, line)).toBe(stock.fieldLengths[`${field}/${line}`])));
  });

  it('finds the same papers for a query in upper case', async () => {
    const corpus = await corpusOf(papers);
    const lower = ids(corpus, 'reward model');
    expect(lower.length).toBeGreaterThan(5);
    expectSame(corpus, ['REWARD MODEL', 'Reward Model', 'rEwArD mOdEl'], lower);
  });
});
