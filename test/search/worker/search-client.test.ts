/**
 * Searching in a worker thread: the same pages as the in-process corpus, superseded searches
 * dropped, and the worker kept in step with commits and annotation edits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/model/errors.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { SearchClient, SearchSuperseded } from '../../../src/search/worker/search-client.ts';
import { buildVocabulary, syntheticPapers } from '../../bench/synthetic-library.ts';

const vocabulary = buildVocabulary(8);
let corpus: Corpus;
let client: SearchClient;

beforeAll(async () => {
  // Shared by the tests below: tempDir() would be removed after the first one.
  corpus = await Corpus.open(mkdtempSync(join(tmpdir(), 'papershelf-client-')));
  await corpus.commit({ upsert: syntheticPapers(vocabulary, 0, 150, 8), remove: [] });
  await corpus.commit({ upsert: syntheticPapers(vocabulary, 150, 150, 8), remove: [] });
  client = await SearchClient.open(corpus.dataDir, { progressive: true });
  expect(await client.whenLoaded()).toBe(300);
}, 60_000);

afterAll(async () => {
  await client.close();
  rmSync(corpus.dataDir, { recursive: true, force: true });
});

describe('the search worker', () => {
  it('returns the pages the corpus returns, with what it needs for match positions', async () => {
    for (const query of ['model', 'learning policy', 'optim*', 'title:model -abstract:learning']) {
      const expected = corpus.search(query, { limit: 20, offset: 5 });
      const page = await client.search(query, { limit: 20, offset: 5 });
      expect(page.total, query).toBe(expected.total);
      expect(page.loading).toBeNull();
      expect(page.hits).toEqual(expected.hits.map(({ id, score }) => ({ id, score })));
      expect(page.hits.map((hit) => corpus.matchesOf(hit.id, page.scoringTerms))).toEqual(expected.hits.map((hit) => hit.matches));
    }
  });

  it('drops searches a newer one on the same channel replaced', async () => {
    const typed = ['m', 'mo', 'mod', 'mode', 'model'].map((query) => client.search(query, { channel: 'box' }));
    const other = client.search('learning', { channel: 'sidebar' });
    const outcomes = await Promise.allSettled(typed);
    expect(outcomes.slice(0, 4).every((o) => o.status === 'rejected' && o.reason instanceof SearchSuperseded)).toBe(true);
    expect(outcomes[4]).toMatchObject({ status: 'fulfilled', value: { total: corpus.search('model').total } });
    expect((await other).total).toBe(corpus.search('learning').total);
  });

  it('filters, reports bad queries as QueryError, and follows commits and annotations', async () => {
    const some = corpus.search('model', { limit: 10 }).hits.map((h) => h.id).slice(0, 4);
    expect((await client.search('model', { only: some })).hits.map((h) => h.id).sort()).toEqual([...some].sort());
    await expect(client.search('title:')).rejects.toBeInstanceOf(QueryError);

    await client.setAnnotationTexts(new Map([[some[0]!, { tags: ['zeppelin'], note: '' }]]));
    await client.updateAnnotationText(some[1]!, { tags: [], note: 'a zeppelin note' });
    expect((await client.search('zeppelin')).hits.map((h) => h.id).sort()).toEqual([some[0]!, some[1]!].sort());

    await corpus.commit({ upsert: [{ ...syntheticPapers(vocabulary, 999, 1, 8)[0]!, title: 'Zeppelin arrives' }], remove: [some[0]!] });
    expect(await client.refresh()).toBe(true);
    const page = await client.search('zeppelin');
    expect(page.total).toBe(2);
    expect(page.hits.map((h) => h.id)).not.toContain(some[0]);
    expect((await client.similar(corpus.get(some[2]!)!, 5)).hits.map((h) => h.id)).toEqual(corpus.similar(some[2]!, 5).map((h) => h.id));
  });
});
