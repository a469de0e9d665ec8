/**
 * The query language people type: "phrases", OR and parentheses, NOT / AND, a leading "-",
 * pasted ids, links and DOIs, and the last word as a prefix while typing — over a real corpus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/model/errors.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { IndexOnlyCorpus } from '../../../src/search/corpus/index-only-corpus.ts';
import { QUERY_LANGUAGE_PAPERS } from '../query-kinds.ts';

const PAPERS = QUERY_LANGUAGE_PAPERS;

let corpus: Corpus;
let dataDir: string;

beforeAll(async () => {
  // Kept for the whole file: an index-only corpus opens the same folder later.
  dataDir = mkdtempSync(join(tmpdir(), 'papershelf-query-'));
  corpus = await Corpus.open(dataDir);
  await corpus.commit({ upsert: PAPERS.slice(0, 6), remove: [] });
  await corpus.commit({ upsert: PAPERS.slice(6), remove: [] });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ids = (query: string) => corpus.search(query, { limit: 100 }).hits.map((hit) => hit.id);
const sorted = (query: string) => ids(query).sort();

describe('phrases', () => {
  it('needs the words adjacent and in order, after the analysis used for indexing', () => {
    expect(sorted('reward model')).toEqual(['p1', 'p2', 'p3', 'p4']);
    // "Reward models", "reward model", "Reward-Model": stemmed, case-folded, split on the hyphen.
    expect(sorted('"reward model"')).toEqual(['p1', 'p3']);
    expect(sorted('"model reward"')).toEqual(['p2']);
    expect(sorted('"REWARD-MODELS"')).toEqual(['p1', 'p3']);
  });

  it('never joins the end of one field to the start of another', () => {
    // p4: the title ends with "reward", the abstract starts with "Model".
    expect(ids('reward model')).toContain('p4');
    expect(ids('"reward model"')).not.toContain('p4');
  });

  it('lets stop words stand between the words, as typed', () => {
    expect(sorted('"attention at scale"')).toEqual(['p5']);
    expect(sorted('"model of the reward"')).toEqual(['p2']);
  });

  it('combines with fields, exclusions and other words', () => {
    expect(sorted('title:"sparse attention"')).toEqual(['p5', 'p6']);
    expect(sorted('title:"sparse attention" -survey')).toEqual(['p5']);
    expect(sorted('author:"Xunhao Lai"')).toEqual(['p5']);
    expect(sorted('author:"Lai Xunhao"')).toEqual(['p6']);
    expect(sorted('"reward model" alignment')).toEqual(['p1']);
    expect(sorted('-"reward model" reward')).toEqual(['p2', 'p4']);
    expect(sorted('abstract:"reward model"')).toEqual(['p1']);
  });

  it('ranks phrase hits by the words they contain, and highlights them', () => {
    const page = corpus.search('"reward model"');
    expect(page.hits.every((hit) => hit.score > 0)).toBe(true);
    expect(page.hits[0]!.matches.some((match) => match.term === 'reward')).toBe(true);
  });
});

describe('phrases on prepared term numbers', () => {
  it('finds exactly what confirming on the text finds', async () => {
    const index = await IndexOnlyCorpus.open(dataDir, false, { preparePhrases: true });
    await index.phrasesPrepared();
    const queries = ['"reward model"', '"model reward"', '"REWARD-MODELS"', '"attention at scale"', '"model of the reward"', 'title:"sparse attention" -survey', 'author:"Xunhao Lai"', '-"reward model" reward', 'dexterous OR "reward model"', '"language models"', '"sql generation"'];
    for (const query of queries) {
      const expected = corpus.search(query, { limit: 100 });
      const found = index.search(query, { offset: 0, limit: 100 });
      expect(found.page.map((hit) => [hit.id, hit.score]), query).toEqual(expected.hits.map((hit) => [hit.id, hit.score]));
    }
    // And they were used: a segment whose term numbers say otherwise changes the answer.
    const segment = index.segmentsForTest()[0]!;
    segment.phraseTokens!.title = { ...segment.phraseTokens!.title, terms: new Int32Array(segment.phraseTokens!.title.terms.length) };
    expect(index.search('title:"sparse attention"', { offset: 0, limit: 100 }).total).toBe(0);
    index.close();
  });
});

describe('OR, parentheses, AND and NOT', () => {
  it('finds either word with OR, and groups with parentheses', () => {
    expect(sorted('dexterous OR sql')).toEqual(['p10', 'p7', 'p9']);
    expect(sorted('(dexterous OR manipulation) robot')).toEqual(['p7', 'p8']);
    expect(sorted('robot (dexterous OR manipulation)')).toEqual(['p7', 'p8']);
    expect(sorted('(dexterous OR manipulation) (robot OR simulation)')).toEqual(['p10', 'p7', 'p8']);
    expect(sorted('dexterous OR "reward model"')).toEqual(['p1', 'p10', 'p3', 'p7']);
  });

  it('keeps AND the default and understands the AND and NOT keywords', () => {
    expect(sorted('dexterous AND robot')).toEqual(sorted('dexterous robot'));
    expect(sorted('robot NOT dexterous')).toEqual(['p8']);
    expect(sorted('robot -dexterous')).toEqual(['p8']);
    expect(sorted('(dexterous OR manipulation) NOT (robot OR grasping)')).toEqual(['p10']);
    expect(sorted('(dexterous OR manipulation) -(robot OR grasping)')).toEqual(['p10']);
    // Lower-case "or" is a word (and a common one), not an operator.
    expect(sorted('dexterous or robot')).toEqual(['p7']);
  });

  it('ranks OR matches holding more of the words first', () => {
    const hits = corpus.search('dexterous OR hands').hits;
    expect(hits.map((hit) => hit.id)).toEqual(['p7', 'p10']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('reads a query that starts with "-"', () => {
    expect(sorted('-survey sparse')).toEqual(['p5']);
    expect(sorted('-survey "sparse attention"')).toEqual(['p5']);
  });
});

describe('ids, links and DOIs', () => {
  const forms = [
    '2606.13106',
    '2606.13106v2',
    'arXiv:2606.13106',
    'arxiv:2606.13106v1',
    'https://arxiv.org/abs/2606.13106',
    'https://arxiv.org/abs/2606.13106v2',
    'http://arxiv.org/pdf/2606.13106',
    'https://arxiv.org/pdf/2606.13106v1.pdf',
    'https://huggingface.co/papers/2606.13106',
    '(arXiv:2606.13106),',
    '10.1145/3366423.3380000',
    'https://doi.org/10.1145/3366423.3380000',
    'doi:10.1145/3366423.3380000',
    '10.1145/3366423.3380000'.toUpperCase(),
  ];
  for (const form of forms) {
    it(`finds the paper named by ${form}`, () => {
      expect(ids(form)).toEqual(['2606.13106']);
    });
  }

  it('finds old-style ids in either spelling', () => {
    expect(ids('cond-mat/0412498')).toEqual(['cond-mat/0412498']);
    expect(ids('https://arxiv.org/abs/cond-mat/0412498v3')).toEqual(['cond-mat/0412498']);
  });

  it('puts the named paper first, then what the words find', () => {
    const page = corpus.search('https://arxiv.org/abs/2606.13106v2 robot', { limit: 10 });
    expect(page.total).toBe(3);
    expect(page.hits.map((hit) => hit.id)).toEqual(['2606.13106', ...sorted('robot')]);
    expect(page.hits[0]!.score).toBeGreaterThanOrEqual(page.hits[1]!.score);
    expect(corpus.search('2606.13106 robot', { limit: 1, offset: 1 }).hits.map((hit) => hit.id)).toEqual([ids('robot')[0]]);
    // A paper the words find too is listed once.
    expect(ids('2606.13106 paper')).toEqual(['2606.13106']);
  });

  it('finds nothing, without an error, for an id the library does not have', () => {
    expect(corpus.search('2601.00001').total).toBe(0);
    expect(corpus.search('https://arxiv.org/abs/2601.00001').total).toBe(0);
  });

  it('honours the filter for named papers', () => {
    expect(corpus.search('2606.13106', { filter: (id) => id !== '2606.13106' }).total).toBe(0);
  });
});

describe('the last word as a prefix, while typing', () => {
  it('finds words the last word begins, only when asked', async () => {
    const index = await IndexOnlyCorpus.open(dataDir);
    const search = (query: string, prefixLast: boolean) =>
      index
        .search(query, { offset: 0, limit: 100, prefixLast })
        .page.map((hit) => hit.id)
        .sort();
    expect(search('spars', false)).toEqual([]);
    expect(search('spars', true)).toEqual(['p5', 'p6']);
    expect(search('attention spars', true)).toEqual(['p5', 'p6']);
    // A word followed by a space is finished.
    expect(search('spars ', true)).toEqual([]);
    // The exact word still counts; a prefix matching too many words is ignored rather than refused.
    expect(search('robot', true)).toEqual(['p7', 'p8']);
    expect(search('dexterous ro', true)).toEqual(['p7']);
    // One letter is not a word yet: the words before it keep their papers.
    expect(search('dexterous r', true)).toEqual(['p10', 'p7']);
    expect(search('dexterous r', false)).toEqual([]);
    // Excluded and quoted words stay exact.
    expect(search('sparse -surv', true)).toEqual(['p5', 'p6']);
  });
});

describe('malformed queries', () => {
  it('names the problem in one line', () => {
    for (const [query, message] of [
      ['"reward model', /quote/],
      ['(robot OR hands', /"\(" is not closed/],
      ['robot)', /"\)" has no "\("/],
      ['robot OR OR hands', /OR/],
      ['year:"2020 papers"', /unknown field "year:"/],
      ['((((((((((((((((((((((robot))))))))))))))))))))))', /nest at most/],
    ] as const) {
      expect(() => corpus.search(query), query).toThrow(QueryError);
      expect(() => corpus.search(query), query).toThrow(message);
      try {
        corpus.search(query);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});
