import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { indexingCounter } from '../../../src/search/index/segment-index-build.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';

afterEach(() => vi.restoreAllMocks());

function manifest(dataDir: string) {
  return JSON.parse(readFileSync(join(dataDir, 'papers', 'manifest.json'), 'utf8')) as {
    segments: Array<{ name: string; papers: number; masked: string[] }>;
  };
}

function papersFolder(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'papers')).filter((name) => !name.startsWith('.')).sort();
}

function snapshot(corpus: Corpus, queries: string[]) {
  return queries.map((query) => corpus.search(query, { limit: 100 }));
}

const QUERIES = ['language models', 'title:diffusion', 'author:kocielnik', 'distil*', 'agent -llm'];

describe('segments on disk', () => {
  it('stores each batch as a segment and reopens without rebuilding any index', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const first = await Corpus.open(dataDir);
    await first.commit({ upsert: papers.slice(0, 12), remove: [] });
    await first.commit({ upsert: papers.slice(12), remove: [] });
    expect(first.segmentCount).toBe(2);
    expect(papersFolder(dataDir)).toEqual(['manifest.json', 'seg-0001.ids', 'seg-0001.idx', 'seg-0001.jsonl', 'seg-0002.ids', 'seg-0002.idx', 'seg-0002.jsonl']);
    expect(readFileSync(join(dataDir, 'papers', 'seg-0002.jsonl'), 'utf8').trim().split('\n')).toHaveLength(papers.length - 12);
    const before = snapshot(first, QUERIES);
    const mtimes = papersFolder(dataDir).map((name) => statSync(join(dataDir, 'papers', name)).mtimeMs);

    const indexed = indexingCounter.papers;
    const reopened = await Corpus.open(dataDir);
    expect(indexingCounter.papers).toBe(indexed);
    expect(reopened.problems).toEqual([]);
    expect(reopened.size).toBe(papers.length);
    expect(reopened.get(papers[20]!.id)).toEqual(papers[20]);
    expect(snapshot(reopened, QUERIES)).toEqual(before);
    expect(papersFolder(dataDir).map((name) => statSync(join(dataDir, 'papers', name)).mtimeMs)).toEqual(mtimes);
  });

  it('indexes only the new batch when importing into a library', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const corpus = await Corpus.open(dataDir);
    await corpus.commit({ upsert: papers.slice(0, 25), remove: [] });
    const indexed = indexingCounter.papers;
    await corpus.commit({ upsert: papers.slice(25), remove: [] });
    expect(indexingCounter.papers - indexed).toBe(papers.length - 25);
  });

  it('masks the older copy of an updated paper and removes papers', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const corpus = await Corpus.open(dataDir);
    await corpus.commit({ upsert: papers.slice(0, 15), remove: [] });
    const target = papers[4]!;
    expect(corpus.search('title:psychometric').hits.map((h) => h.id)).toEqual([papers[1]!.id]);
    const updated = { ...target, title: 'Psychometric zeppelins revisited', upvotes: 99 };
    await corpus.commit({ upsert: [updated, ...papers.slice(15)], remove: [papers[1]!.id] });

    expect(manifest(dataDir).segments.map((s) => [s.name, [...s.masked].sort()])).toEqual([
      ['seg-0001', [target.id, papers[1]!.id].sort()],
      ['seg-0002', []],
    ]);
    for (const corpus2 of [corpus, await Corpus.open(dataDir)]) {
      expect(corpus2.size).toBe(papers.length - 1);
      expect(corpus2.get(target.id)).toEqual(updated);
      expect(corpus2.get(papers[1]!.id)).toBeUndefined();
      expect(corpus2.all().filter((p) => p.id === target.id)).toHaveLength(1);
      expect(corpus2.search('zeppelins').hits.map((h) => h.id)).toEqual([target.id]);
      expect(corpus2.search('title:psychometric').hits.map((h) => h.id)).toEqual([target.id]);
      expect(corpus2.search(`title:${target.title.split(' ')[0]!.replace(/\W/g, '')}`).hits.map((h) => h.id)).not.toContain(target.id);
    }
  });

  it('drops a segment whose papers are all replaced, and deletes its files', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const corpus = await Corpus.open(dataDir);
    await corpus.commit({ upsert: papers.slice(0, 3), remove: [] });
    await corpus.commit({ upsert: papers.slice(3, 6), remove: [] });
    await corpus.commit({ upsert: papers.slice(0, 3).map((p) => ({ ...p, upvotes: 1 })), remove: [] });
    expect(manifest(dataDir).segments.map((s) => s.name)).toEqual(['seg-0002', 'seg-0003']);
    expect(existsSync(join(dataDir, 'papers', 'seg-0001.jsonl'))).toBe(false);
    await corpus.commit({ upsert: [], remove: papers.slice(3, 6).map((p) => p.id) });
    expect(manifest(dataDir).segments.map((s) => s.name)).toEqual(['seg-0003']);
    expect(corpus.size).toBe(3);
    // Removing what is not there writes nothing.
    const raw = readFileSync(join(dataDir, 'papers', 'manifest.json'), 'utf8');
    await corpus.commit({ upsert: [], remove: ['nope'] });
    expect(readFileSync(join(dataDir, 'papers', 'manifest.json'), 'utf8')).toBe(raw);
  });

  it('compacts small segments into one with identical search results', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const corpus = await Corpus.open(dataDir);
    for (let i = 0; i < papers.length; i += 6) await corpus.commit({ upsert: papers.slice(i, i + 6), remove: [] });
    await corpus.commit({ upsert: [{ ...papers[0]!, title: 'Zeppelin priors' }], remove: [papers[7]!.id] });
    expect(corpus.segmentCount).toBe(6);
    const before = snapshot(corpus, [...QUERIES, 'zeppelin']);
    await corpus.compact();
    expect(corpus.segmentCount).toBe(1);
    expect(manifest(dataDir).segments).toEqual([expect.objectContaining({ name: 'seg-0007', papers: papers.length - 1, masked: [] })]);
    expect(papersFolder(dataDir)).toEqual(['manifest.json', 'seg-0007.ids', 'seg-0007.idx', 'seg-0007.jsonl']);
    expect(snapshot(corpus, [...QUERIES, 'zeppelin'])).toEqual(before);
    const reopened = await Corpus.open(dataDir);
    expect(snapshot(reopened, [...QUERIES, 'zeppelin'])).toEqual(before);
    expect(reopened.get(papers[0]!.id)?.title).toBe('Zeppelin priors');
    // Nothing left to merge.
    await reopened.compact();
    expect(papersFolder(dataDir)).toEqual(['manifest.json', 'seg-0007.ids', 'seg-0007.idx', 'seg-0007.jsonl']);
  });

  it('sees commits of another process and never loses them', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const a = await Corpus.open(dataDir);
    const b = await Corpus.open(dataDir);
    await a.commit({ upsert: papers.slice(0, 10), remove: [] });
    expect(b.size).toBe(0);
    expect(await b.refresh()).toBe(true);
    expect(b.size).toBe(10);
    expect(await b.refresh()).toBe(false);
    await a.commit({ upsert: papers.slice(10, 20), remove: [papers[0]!.id] });
    // b has not refreshed; its commit must still keep a's second batch and removal.
    await b.commit({ upsert: papers.slice(20), remove: [] });
    const c = await Corpus.open(dataDir);
    expect(c.size).toBe(papers.length - 1);
    expect(b.size).toBe(papers.length - 1);
    expect(c.get(papers[0]!.id)).toBeUndefined();
    // A compaction elsewhere deletes files b read; b keeps working and then picks up the new segment.
    const before = snapshot(b, QUERIES);
    await a.compact({ all: true });
    expect(snapshot(b, QUERIES)).toEqual(before);
    expect(await b.refresh()).toBe(true);
    expect(b.segmentCount).toBe(1);
    expect(snapshot(b, QUERIES)).toEqual(before);
  });

  it('refuses an incomplete paper before writing anything', async () => {
    const dataDir = tempDir();
    const corpus = await Corpus.open(dataDir);
    const broken = { ...makePaper({ id: 'x', title: 'X' }), published: undefined } as unknown as ReturnType<typeof makePaper>;
    await expect(corpus.commit({ upsert: [broken], remove: [] })).rejects.toThrow(/"x" cannot be stored: published/);
    expect(papersFolder(dataDir)).toEqual([]);
  });

  it('keeps the last copy when a batch names a paper twice', async () => {
    const corpus = await Corpus.open(tempDir());
    await corpus.commit({ upsert: [makePaper({ id: 'x', title: 'First' }), makePaper({ id: 'x', title: 'Second' })], remove: [] });
    expect(corpus.size).toBe(1);
    expect(corpus.get('x')?.title).toBe('Second');
  });

  it('opens an empty data folder and searches it', async () => {
    const corpus = await Corpus.open(tempDir());
    expect(corpus.size).toBe(0);
    expect(corpus.all()).toEqual([]);
    expect(corpus.search('anything')).toMatchObject({ total: 0, hits: [] });
  });
});
