/**
 * The doors with a window search in a worker thread: every answer equals what Library.search
 * gives in-process (hits, order, scores, match positions, paper views, errors) for queries of every
 * kind, filters and sort orders; the worker follows stars, tags, notes and imports; and a search
 * box's superseded searches are dropped, never answered late over a newer one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import { Library } from '../../src/library/library.ts';
import type { StoredPaper } from '../../src/model/paper.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { LibraryHost } from '../../src/window-host/library-host.ts';
import { asCaller } from '../../src/window-host/search-caller.ts';
import { buildVocabulary, seededRandom, syntheticPapers } from '../bench/synthetic-library.ts';
import { fixturePapers, makePaper } from '../search/corpus-fixtures.ts';
import { isStopWord, mixedQueries, QUERY_LANGUAGE_PAPERS } from '../search/query-kinds.ts';

const ACCENTED: StoredPaper[] = [
  makePaper({ id: 'acc1', title: 'Niccolò on sparse coding', abstract: 'Łukasz Wróbel and Zoë Müller study coding.', authors: ['Niccolò Biondi', 'Łukasz Wróbel'], published: '2026-01-02' }),
  makePaper({ id: 'acc2', title: 'Müller and the İstanbul corpus', abstract: 'Straße names, and the reward model again.', authors: ['Zoë Müller'], published: '2026-01-02', doi: 'https://doi.org/10.5555/Zoe.2026' }),
];

/** Queries from the query-language tests, as people type them. */
const TYPED = [
  'reward model', '"reward model"', '"model reward"', '"REWARD-MODELS"', '"attention at scale"', '"model of the reward"',
  'title:"sparse attention"', 'title:"sparse attention" -survey', 'author:"Xunhao Lai"', '"reward model" alignment', '-"reward model" reward',
  'abstract:"reward model"', 'dexterous OR sql', '(dexterous OR manipulation) robot', '(dexterous OR manipulation) (robot OR simulation)',
  'dexterous OR "reward model"', 'robot NOT dexterous', '(dexterous OR manipulation) -(robot OR grasping)', 'dexterous or robot', '-survey sparse',
  '2606.13106', 'arXiv:2606.13106v2', 'https://arxiv.org/abs/2606.13106v2 robot', 'https://huggingface.co/papers/2606.13106', 'cond-mat/0412498',
  '10.1145/3366423.3380000', 'https://doi.org/10.1145/3366423.3380000 robot', 'doi:10.5555/zoe.2026', '2601.00001',
  'niccolo', 'NICCOLO', 'Niccolò', 'lukasz', 'wrobel', 'muller', 'zoe', 'istanbul', 'strasse', 'straße',
  'spars', 'attention spars', 'dexterous r', 'sparse -surv', 'optim*', '*former', 'atention~1', 'tag:zeppelin', 'note:zeppelin', 'zeppelin',
  'title:', '"reward model', '(robot OR hands', 'robot)', '*', 'a*', 'year:"2020 papers"', 'reinforcement learning', 'model',
];

const SORTS = [undefined, 'relevance', 'date', 'upvotes', 'title', 'added'] as const;

let dir: string;
let host: LibraryHost;
let library: Library;
let words: string[];
let starredIds: string[];

beforeAll(async () => {
  // Kept for the whole file (tempDir() is removed after each test).
  dir = mkdtempSync(join(tmpdir(), 'papershelf-search-worker-'));
  const vocabulary = buildVocabulary(3);
  const synthetic = syntheticPapers(vocabulary, 0, 500, 3).map((paper, i) => (i % 50 === 7 ? { ...paper, doi: `10.4242/syn.${i}`, sources: ['arxiv'] } : paper));
  const papers = [...fixturePapers(), ...QUERY_LANGUAGE_PAPERS, ...ACCENTED, ...synthetic];
  const corpus = await Corpus.open(dir);
  for (let i = 0; i < papers.length; i += 150) await corpus.commit({ upsert: papers.slice(i, i + 150), remove: [] });
  // Later copies mask earlier ones; removed papers must never come back from an older segment.
  const revised = synthetic.slice(40, 60).map((paper) => ({ ...paper, title: `${paper.title} revised`, published: '2027-01-01' }));
  await corpus.commit({ upsert: revised, remove: synthetic.slice(100, 110).map((paper) => paper.id) });
  await corpus.close();

  host = await LibraryHost.open(dir, { watch: false });
  library = host.library;
  await library.loaded();
  const random = seededRandom(5);
  const ids = synthetic.filter((_, i) => i % 13 === 0 && (i < 100 || i >= 110)).map((paper) => paper.id);
  starredIds = ids.filter((_, i) => i % 2 === 0);
  for (const id of starredIds) await host.dispatch('setStar', { id, starred: true });
  for (const [i, id] of ids.entries()) {
    if (i % 3 === 0) await host.dispatch('addTags', { id, tags: ['zeppelin', `t${Math.floor(random() * 3)}`] });
    if (i % 4 === 1) await host.dispatch('setStatus', { id, status: 'reading' });
    if (i % 5 === 2) await host.dispatch('setNote', { id, text: `A zeppelin note about ${vocabulary.words[i]}.` });
  }
  await host.dispatch('setNote', { id: 'p1', text: 'Reward models, see "reward model" variants.' });
  await host.searchSettled();
  // Phrases in the worker are confirmed on its prepared term numbers, in-process on the text.
  await host.searchPhrasesPrepared();
  words = vocabulary.words
    .slice(0, 2000)
    .map((w) => w.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((w) => w.length >= 3 && !isStopWord(w));
}, 180_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the ordinary, in-process dispatch (Library.search on this thread) answers. */
function inProcess(input: Record<string, unknown>) {
  return createDispatch(library)('search', input);
}

describe('search in the worker', () => {
  it('answers exactly as Library.search does, for every kind of query, filter, order and page', async () => {
    const spy = vi.spyOn(Library.prototype, 'search');
    const queries = [...TYPED, ...mixedQueries(words, 9, 120).map(([ours]) => ours)];
    const filters = [{}, { starred: true }, { tag: 'zeppelin' }, { status: 'reading' }, { source: 'arxiv' }, { ids: starredIds.slice(0, 5) }, { tag: 't1', starred: true }];
    let compared = 0;
    let nonEmpty = 0;
    for (const [n, query] of queries.entries()) {
      const variants = [
        { query, limit: 20 },
        { query, limit: 7, offset: 3, prefixLast: n % 2 === 0 },
        { query, sort: SORTS[n % SORTS.length], limit: 15, offset: n % 3 },
        { query, ...filters[n % filters.length], sort: SORTS[(n + 2) % SORTS.length] },
      ];
      for (const input of variants) {
        spy.mockClear();
        const answered = await host.dispatch('search', input);
        expect(spy, 'searched on the main thread').not.toHaveBeenCalled();
        const expected = await inProcess(input);
        expect(answered, JSON.stringify(input)).toEqual(expected);
        compared++;
        if (expected.ok && expected.value.total > 0) nonEmpty++;
      }
    }
    spy.mockRestore();
    expect(compared).toBeGreaterThan(700);
    expect(nonEmpty).toBeGreaterThan(400);
  }, 300_000);

  it('selects all under a query (listIds) from the worker, with the same ids in the same order', async () => {
    const spy = vi.spyOn(Library.prototype, 'search');
    for (const input of [{ query: 'zeppelin' }, { query: TYPED[0]!, sort: 'title' }, { query: 'model', starred: true }, { query: 'nothingmatchesthis' }]) {
      spy.mockClear();
      const answered = await host.dispatch('listIds', input);
      expect(spy, 'searched on the main thread').not.toHaveBeenCalled();
      expect(answered, JSON.stringify(input)).toEqual(await createDispatch(library)('listIds', input));
    }
    spy.mockRestore();
  });

  it('answers similarPapers as Library.similarPapers does', async () => {
    for (const id of ['p1', 'acc2', library.listPapers({ limit: 1 }).results[0]!.id]) {
      const expected = await createDispatch(library)('similarPapers', { id, limit: 8 });
      expect(await host.dispatch('similarPapers', { id, limit: 8 })).toEqual(expected);
    }
    expect(await host.dispatch('similarPapers', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('follows stars, tags, notes and imports made through the host', async () => {
    const query = { query: 'blimp', limit: 50 };
    expect(await host.dispatch('search', query)).toMatchObject({ ok: true, value: { total: 0 } });
    await host.dispatch('addTags', { id: 'p7', tags: ['blimp'] });
    await host.dispatch('setNote', { id: 'p8', text: 'a blimp' });
    await host.dispatch('importText', { text: JSON.stringify([{ paper: { id: '2612.00001', title: 'Blimp flight control', summary: 'Airships.', authors: [], publishedAt: '2026-12-01T00:00:00.000Z', upvotes: 1 } }]) });
    const after = await host.dispatch('search', query);
    expect(after).toEqual(await inProcess(query));
    expect(after.ok && after.value.results.map((paper) => paper.id).sort()).toEqual(['2612.00001', 'p7', 'p8']);
    await host.dispatch('setStar', { id: 'p7', starred: true });
    expect(await host.dispatch('search', { ...query, starred: true })).toMatchObject({ ok: true, value: { total: 1, results: [{ id: 'p7', starred: true }] } });
  });
});

describe('superseded searches', () => {
  it('drops a search box’s older searches, whether waiting or already running, and keeps other boxes’', async () => {
    const box = (sequence: number) => ({ channel: 'window:1', sequence });
    const typed = ['m', 'mo', 'mod', 'mode', 'model'].map((query, i) => asCaller(box(i + 1), () => host.dispatch('search', { query, prefixLast: true })));
    const other = asCaller({ channel: 'window:2', sequence: 1 }, () => host.dispatch('search', { query: 'learning' }));
    const anonymous = ['robot', 'hands'].map((query) => host.dispatch('search', { query }));
    const answers = await Promise.all(typed);
    for (const answer of answers.slice(0, 4)) expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(answers[4]).toEqual(await inProcess({ query: 'model', prefixLast: true }));
    expect(await other).toEqual(await inProcess({ query: 'learning' }));
    // Calls that do not number their searches replace nothing.
    expect(await Promise.all(anonymous)).toEqual([await inProcess({ query: 'robot' }), await inProcess({ query: 'hands' })]);
  });

  it('never lets pages of one search replace each other, and never lets an older search replace a newer one', async () => {
    const box = (sequence: number) => ({ channel: 'window:3', sequence });
    const pages = [0, 20, 40].map((offset) => asCaller(box(7), () => host.dispatch('search', { query: 'model', offset, limit: 20 })));
    // A page of an older search, arriving last (a scroll that was under way), is refused at once.
    const late = asCaller(box(6), () => host.dispatch('search', { query: 'mode', offset: 20, limit: 20 }));
    expect(await Promise.all(pages)).toEqual(await Promise.all([0, 20, 40].map((offset) => inProcess({ query: 'model', offset, limit: 20 }))));
    expect(await late).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // Without numbers, one box's searches are all answered, in the order they came.
    const unnumbered = ['mo', 'model'].map((query) => asCaller({ channel: 'window:4' }, () => host.dispatch('search', { query })));
    expect(await Promise.all(unnumbered)).toEqual([await inProcess({ query: 'mo' }), await inProcess({ query: 'model' })]);
  });
});
