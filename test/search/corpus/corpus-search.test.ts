import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lunr from 'lunr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/model/errors.ts';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { Corpus, type SearchHit } from '../../../src/search/corpus/corpus.ts';
import { annotationFieldText, paperFieldText, type SearchField } from '../../../src/search/analysis/fields.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';

let dir: string;
let corpus: Corpus;
let papers: StoredPaper[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'papershelf-search-'));
  papers = fixturePapers();
  corpus = await Corpus.open(dir);
  await corpus.commit({ upsert: papers.slice(0, 15), remove: [] });
  await corpus.commit({ upsert: papers.slice(15), remove: [] });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lunr's own pipeline, to check what a paper contains independently of the corpus. */
const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
function termsOf(text: string): Set<string> {
  return new Set(pipeline.run(lunr.tokenizer(text)).map(String));
}
function paperTerms(paper: StoredPaper, fields: Array<'title' | 'abstract' | 'authors'> = ['title', 'abstract', 'authors']) {
  return new Set(fields.flatMap((field) => [...termsOf(paperFieldText(paper, field))]));
}
const ids = (hits: SearchHit[]) => hits.map((hit) => hit.id).sort();
const all = (query: string) => corpus.search(query, { limit: 1000 });

function fieldText(id: string, field: SearchField): string {
  if (field === 'tags' || field === 'note') return annotationFieldText({ tags: [], note: '' }, field);
  return paperFieldText(corpus.get(id)!, field);
}

describe('query semantics', () => {
  it('requires every word (AND), in any field', () => {
    const expected = papers.filter((p) => paperTerms(p).has('llm') && paperTerms(p).has('agent')).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(1);
    const either = papers.filter((p) => paperTerms(p).has('llm') || paperTerms(p).has('agent'));
    expect(either.length).toBeGreaterThan(expected.length);
    expect(ids(all('LLM agents').hits)).toEqual(expected.sort());
    expect(ids(all('+llm +agents').hits)).toEqual(expected.sort());
  });

  it('scopes words to a field: title:, abstract:, author:', () => {
    const inTitle = papers.filter((p) => paperTerms(p, ['title']).has('diffus')).map((p) => p.id);
    const anywhere = papers.filter((p) => paperTerms(p).has('diffus')).map((p) => p.id);
    expect(anywhere.length).toBeGreaterThan(inTitle.length);
    expect(ids(all('title:diffusion').hits)).toEqual(inTitle.sort());
    expect(ids(all('Title:Diffusion').hits)).toEqual(inTitle.sort());
    const inAbstract = papers.filter((p) => paperTerms(p, ['abstract']).has('diffus')).map((p) => p.id);
    expect(ids(all('abstract:diffusion').hits)).toEqual(inAbstract.sort());

    const byKocielnik = papers.filter((p) => p.authors.some((a) => a.includes('Kocielnik'))).map((p) => p.id);
    expect(byKocielnik.length).toBe(2);
    expect(ids(all('author:kocielnik').hits)).toEqual(byKocielnik.sort());
    expect(ids(all('authors:Kocielnik').hits)).toEqual(byKocielnik.sort());
  });

  it('excludes -words and keeps the rest', () => {
    const reasoning = papers.filter((p) => paperTerms(p).has('reason'));
    const withoutAgents = reasoning.filter((p) => !paperTerms(p).has('agent')).map((p) => p.id);
    expect(withoutAgents.length).toBeGreaterThan(0);
    expect(withoutAgents.length).toBeLessThan(reasoning.length);
    expect(ids(all('reasoning -agents').hits)).toEqual(withoutAgents.sort());
    const notInTitle = reasoning.filter((p) => !paperTerms(p, ['title']).has('agent')).map((p) => p.id);
    expect(ids(all('reasoning -title:agent').hits)).toEqual(notInTitle.sort());
  });

  it('expands wildcards, including a word whose indexed form is its stem', () => {
    const distil = papers.filter((p) => [...paperTerms(p)].some((t) => t.startsWith('distil'))).map((p) => p.id);
    expect(distil.length).toBeGreaterThan(1);
    expect(ids(all('distil*').hits)).toEqual(distil.sort());
    // "distillation" is indexed as "distil": a prefix typed in full still finds it.
    expect(ids(all('distillation*').hits)).toEqual(distil.sort());
    const leading = papers.filter((p) => [...paperTerms(p)].some((t) => t.endsWith('modal'))).map((p) => p.id);
    expect(leading.length).toBeGreaterThan(0);
    expect(ids(all('*modal').hits)).toEqual(leading.sort());
  });

  it('matches fuzzily with ~1 and ranks the exact spelling in', () => {
    const attention = papers.filter((p) => paperTerms(p).has('attent')).map((p) => p.id);
    expect(all('atention').total).toBe(0);
    const fuzzy = ids(all('atention~1').hits);
    for (const id of attention) expect(fuzzy).toContain(id);
  });

  it('returns positions that slice the matched words out of the field text', () => {
    for (const query of ['llm agents', 'title:diffusion', 'author:kocielnik', 'distil*', 'atention~1', 'multimodal reasoning']) {
      const page = all(query);
      expect(page.total, query).toBeGreaterThan(0);
      for (const hit of page.hits) {
        expect(hit.matches.length, query).toBeGreaterThan(0);
        for (const match of hit.matches) {
          const text = fieldText(hit.id, match.field);
          for (const [start, length] of match.positions) {
            const word = text.slice(start, start + length);
            expect(word, `${query} in ${hit.id}`).toMatch(/^\w/);
            expect(word).toMatch(/\w$/);
            expect(pipeline.run(lunr.tokenizer(word)).map(String), `${query}: "${word}"`).toEqual([match.term]);
          }
        }
      }
    }
    const kocielnik = all('author:kocielnik').hits[0]!;
    const [start, length] = kocielnik.matches[0]!.positions[0]!;
    expect(paperFieldText(corpus.get(kocielnik.id)!, 'authors').slice(start, start + length)).toBe('Kocielnik');
  });

  it('pages and filters without changing the ranking', () => {
    const full = all('model');
    expect(full.total).toBeGreaterThan(6);
    const page = corpus.search('model', { limit: 3, offset: 2 });
    expect(page.total).toBe(full.total);
    expect(page.hits.map((h) => h.id)).toEqual(full.hits.slice(2, 5).map((h) => h.id));
    const keep = new Set(full.hits.filter((_, i) => i % 2 === 0).map((h) => h.id));
    const filtered = corpus.search('model', { limit: 1000, filter: (id) => keep.has(id) });
    expect(filtered.total).toBe(keep.size);
    expect(filtered.hits.map((h) => h.id)).toEqual(full.hits.filter((h) => keep.has(h.id)).map((h) => h.id));
    expect(corpus.search('model').hits.length).toBe(Math.min(50, full.total));
  });

  it('ignores common words in a query rather than finding nothing', () => {
    expect(ids(all('the diffusion of a model').hits)).toEqual(ids(all('diffusion model').hits));
  });
});

describe('tags and notes', () => {
  it('searches tags and notes set in bulk and updated one by one', () => {
    const [a, b, c] = papers.map((p) => p.id);
    corpus.setAnnotationTexts(
      new Map([
        [a!, { tags: ['Must-Read', 'robotics'], note: 'Revisit section 4: zeppelin benchmark.' }],
        [b!, { tags: ['robotics'], note: '' }],
      ]),
    );
    expect(ids(all('tag:robotics').hits)).toEqual([a!, b!].sort());
    expect(ids(all('zeppelin').hits)).toEqual([a!]);
    expect(all('note:zeppelin').total).toBe(1);
    expect(all('title:zeppelin').total).toBe(0);
    // A note word AND a paper word: clauses meet across the two indexes.
    const llmPaper = paperTerms(corpus.get(a!)!).has('llm');
    expect(all('zeppelin llm').total).toBe(llmPaper ? 1 : 0);
    expect(all('zeppelin -robotics').total).toBe(0);

    corpus.updateAnnotationText(c!, { tags: ['zeppelin'], note: 'constructor __proto__ notes' });
    corpus.updateAnnotationText(a!, null);
    expect(ids(all('zeppelin').hits)).toEqual([c!]);
    expect(ids(all('tag:robotics').hits)).toEqual([b!]);
    expect(ids(all('note:constructor').hits)).toEqual([c!]);
    expect(ids(all('__proto__').hits)).toEqual([c!]);

    const hit = all('tag:zeppelin').hits[0]!;
    expect(hit.matches).toEqual([{ field: 'tags', term: 'zeppelin', positions: [[0, 8]] }]);
    const note = all('note:notes').hits[0]!.matches[0]!;
    const noteText = 'constructor __proto__ notes';
    expect(noteText.slice(note.positions[0]![0], note.positions[0]![0] + note.positions[0]![1])).toBe('notes');
    corpus.setAnnotationTexts(new Map());
    expect(all('zeppelin').total).toBe(0);
  });
});

describe('similar', () => {
  it('finds a near-duplicate first and never the paper itself', async () => {
    const local = await Corpus.open(mkdtempSync(join(tmpdir(), 'papershelf-similar-')));
    const source = papers.find((p) => p.id === '2606.12575')!;
    const twin = makePaper({ id: 'twin', title: source.title.split(' ').reverse().join(' '), abstract: source.abstract.slice(0, 600) });
    await local.commit({ upsert: [...papers, twin], remove: [] });
    const hits = local.similar(source.id, 5);
    expect(hits.length).toBe(5);
    expect(hits[0]!.id).toBe('twin');
    expect(hits.map((h) => h.id)).not.toContain(source.id);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(() => local.similar('no-such-paper')).toThrow(/no paper/);

    // A shared tag brings a paper closer.
    const other = papers.find((p) => p.id === '2606.08039')!.id;
    const scoreOf = () => local.similar(source.id, 100).find((h) => h.id === other)?.score ?? 0;
    const untagged = scoreOf();
    local.setAnnotationTexts(new Map([[source.id, { tags: ['Zeppelin'], note: '' }], [other, { tags: ['zeppelin'], note: '' }]]));
    expect(scoreOf()).toBeGreaterThan(untagged);
    rmSync(local.dataDir, { recursive: true, force: true });
  });
});

describe('queries that cannot run', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /type something/],
    ['   ', /type something/],
    ['title:', /"title:" needs a word/],
    ['foo~', /"~" needs a number/],
    ['foo~3', /fuzziness goes from 0 to 2/],
    ['*', /match every word/],
    ['**', /match every word/],
    ['-x', /only excluded words/],
    ['-title:model', /only excluded words/],
    ['year:2020', /unknown field "year:"/],
    ['~', /"~" goes right after a word/],
    ['^', /"\^" goes right after a word/],
    ['model^', /"\^" needs a number/],
    ['model^0', /boost goes from 1/],
    ['title:-model', /before the field/],
    ['+', /need a word/],
    ['model -', /need a word/],
    [':model', /needs a field name/],
    ['the', /too common/],
    ['the and of', /too common/],
    ['trans*~1', /both "\*" and "~"/],
    ['a* b* c* d* e* f* g* h* i* j* k*', /at most 10 words/],
    ['x'.repeat(1001), /at most 1000/],
    // Inputs that would make Lunr's token sets explode: refused before any work.
    [`${'a'.repeat(30)}~2`, /"~" works on words of up to 24 letters/],
    ['*e*e*e*', /at most 2 "\*" per word/],
    ['"""', /a quote \("\) is not closed/],
    ['""', /nothing to search for/],
    ['(model', /a "\(" is not closed/],
    ['model)', /a "\)" has no "\("/],
    ['model OR', /"OR" needs words on both sides/],
    ['OR model', /"OR" needs words on both sides/],
    ['model NOT', /"NOT" needs a word/],
    ['model OR -survey', /only excluded words finds nothing/],
    ['NOT model', /only excluded words/],
    ['\u2014 \u2026', /nothing to search for/],
  ];
  for (const [query, message] of cases) {
    it(`explains ${JSON.stringify(query.slice(0, 40))}`, () => {
      expect(() => corpus.search(query)).toThrow(QueryError);
      expect(() => corpus.search(query)).toThrow(message);
    });
  }

  it('answers odd but runnable input sensibly', () => {
    expect(all('"diffusion"').total).toBe(all('diffusion').total);
    expect(all('(diffusion)').total).toBe(all('diffusion').total);
    expect(all('diffusion AND attention').total).toBe(all('diffusion attention').total);
    expect(all('zzzzqqq').total).toBe(0);
    const former = papers.filter((p) => [...paperTerms(p)].some((t) => t.includes('form'))).map((p) => p.id);
    expect(former.length).toBeGreaterThan(1);
    expect(ids(all('*form*').hits)).toEqual(former.sort());
    // A pasted passage finds its paper; a colon in it reads as a field, which is explained.
    const long = papers[0]!.abstract.slice(0, 1000).replace(/\s\S*$/, '');
    expect(long.length).toBeGreaterThan(950);
    expect(long).toContain('interaction:');
    expect(() => all(long)).toThrow(/unknown field "interaction:".*drop the ":"/);
    expect(all(long.replaceAll(':', ' ')).hits.map((h) => h.id)).toEqual([papers[0]!.id]);
  });

  it('never throws anything but QueryError on random input', () => {
    const alphabet = ['a', 'm', 'o', 'd', 'e', 'l', ' ', ' ', '*', '~', '^', ':', '-', '+', '"', '(', ')', '\\', '1', '2', 'title', 'tag', 'author', '\u00e9', '\u2028'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes = { ran: 0, refused: 0 };
    for (let i = 0; i < 3000; i++) {
      const query = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      try {
        const page = corpus.search(query, { limit: 5 });
        expect(page.hits.length).toBeLessThanOrEqual(5);
        outcomes.ran++;
      } catch (error) {
        if (!(error instanceof QueryError)) throw new Error(`${JSON.stringify(query)} threw ${String(error)}`, { cause: error });
        expect(error.message.length).toBeGreaterThan(5);
        outcomes.refused++;
      }
    }
    expect(outcomes.ran).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
