/**
 * A library written before manifest version 2 (a Lunr JSON index per segment) opens as it was: its
 * segments are re-indexed into the new format once, the old manifest is kept in backups/, and a
 * segment that cannot be read is reported and repaired as usual. A library whose indexes were built
 * by the older analysis (no accent folding, ASCII-only trimmer) is re-indexed once on open, and a
 * reader that cannot write searches it as it is meanwhile.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NewerFormatError } from '../../../src/model/errors.ts';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { loadCorpus, stateEntries } from '../../../src/search/corpus/corpus-loader.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { PAPER_FIELDS } from '../../../src/search/analysis/fields.ts';
import { SegmentWorker } from '../../../src/search/worker/segment-worker.ts';
import { decodeSegmentIndex } from '../../../src/search/index/segment-index-codec.ts';
import { indexingCounter } from '../../../src/search/index/segment-index-build.ts';
import { prepareSegments } from '../../../src/search/corpus/segment-writer.ts';
import { parsePapers, serializePapers } from '../../../src/store/segment-files.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';
import { olderAnalysisIndex, withIndexVersion } from '../folding/older-analysis.ts';

/** Writes segments the way the first version did: .jsonl, .lunr.json and a version 1 manifest. */
function legacyLibrary(batches: StoredPaper[][], masked: string[][] = []): string {
  const dataDir = tempDir();
  const dir = join(dataDir, 'papers');
  mkdirSync(dir, { recursive: true });
  const segments = batches.map((papers, i) => {
    const name = `seg-000${i + 1}`;
    writeFileSync(join(dir, `${name}.jsonl`), serializePapers(papers));
    writeFileSync(join(dir, `${name}.lunr.json`), JSON.stringify({ format: 'papershelf-segment-index', version: 1, papers: papers.length }));
    const size = (file: string) => statSync(join(dir, file)).size;
    return { name, papers: papers.length, bytes: { papers: size(`${name}.jsonl`), index: size(`${name}.lunr.json`) }, masked: masked[i] ?? [] };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: 1, nextSegment: batches.length + 1, segments }));
  return dataDir;
}

describe('upgrading a version 1 library', () => {
  it('re-indexes every segment once and keeps every paper and mask', async () => {
    const papers = fixturePapers();
    const updated = { ...papers[2]!, title: 'Zeppelin update' };
    const dataDir = legacyLibrary([papers.slice(0, 15), [...papers.slice(15), updated]], [[papers[2]!.id]]);
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.size).toBe(papers.length);
    expect(corpus.get(papers[2]!.id)).toEqual(updated);
    expect(corpus.search('title:zeppelin').hits.map((h) => h.id)).toEqual([papers[2]!.id]);

    const dir = join(dataDir, 'papers');
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'seg-0001.idx', 'seg-0001.jsonl', 'seg-0002.idx', 'seg-0002.jsonl']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { schemaVersion: number; segments: Array<{ masked: string[] }> };
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.segments[0]!.masked).toEqual([papers[2]!.id]);
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.startsWith('manifest.json'))).toHaveLength(1);

    const fresh = await Corpus.open(tempDir());
    await fresh.commit({ upsert: corpus.all(), remove: [] });
    for (const query of ['language models', 'diffusion', 'agent* -llm']) {
      expect(corpus.search(query, { limit: 50 }).hits.map((h) => [h.id, h.score])).toEqual(fresh.search(query, { limit: 50 }).hits.map((h) => [h.id, h.score]));
    }
  });

  it('reports and repairs a version 1 segment with unreadable lines', async () => {
    const papers = fixturePapers();
    const dataDir = legacyLibrary([papers.slice(0, 10), papers.slice(10)]);
    const file = join(dataDir, 'papers', 'seg-0001.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = '{"broken';
    writeFileSync(file, lines.join('\n'));
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0001: .*unreadable.*9 readable papers were re-indexed/)]);
    expect(corpus.size).toBe(papers.length - 1);
    expect(existsSync(join(dataDir, 'papers', 'seg-0001.lunr.json'))).toBe(false);
    expect((await Corpus.open(dataDir)).problems).toEqual([]);
  });
});

interface ManifestFile {
  schemaVersion: number;
  segments: Array<{ name: string; papers: number; bytes: { papers: number; index: number }; masked: string[] }>;
}

const readManifestFile = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'papers', 'manifest.json'), 'utf8')) as ManifestFile;

const files = (dataDir: string) => readdirSync(join(dataDir, 'papers')).map((name) => [name, readFileSync(join(dataDir, 'papers', name)).toString('base64')]);

const LUKASZ = makePaper({ id: 'p-lw', title: 'Sparse rewards for dexterous grasping', authors: ['Łukasz Wróbel', 'Zoë Müller'] });

/** A library of two segments (one paper masked in the first) whose indexes the older analysis built. */
async function olderAnalysisLibrary(): Promise<{ dataDir: string; papers: StoredPaper[]; updated: StoredPaper }> {
  const papers = [...fixturePapers(), LUKASZ];
  const updated = { ...papers[2]!, title: 'Zeppelin update' };
  const dataDir = tempDir();
  const corpus = await Corpus.open(dataDir, { worker: false });
  await corpus.commit({ upsert: papers.slice(0, 15), remove: [] });
  await corpus.commit({ upsert: [...papers.slice(15), updated], remove: [] });
  await corpus.close();
  const dir = join(dataDir, 'papers');
  const manifest = readManifestFile(dataDir);
  for (const entry of manifest.segments) {
    const index = olderAnalysisIndex(parsePapers(readFileSync(join(dir, `${entry.name}.jsonl`), 'utf8')).papers);
    writeFileSync(join(dir, `${entry.name}.idx`), index);
    entry.bytes.index = index.length;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dataDir, papers, updated };
}

describe('upgrading segments indexed by the older analysis', () => {
  it('re-indexes them once on open, after which lukasz finds Łukasz', async () => {
    const { dataDir, papers, updated } = await olderAnalysisLibrary();
    const before = readManifestFile(dataDir);
    const last = before.segments.at(-1)!;
    const old = decodeSegmentIndex(readFileSync(join(dataDir, 'papers', `${last.name}.idx`)), { papers: last.papers, fields: PAPER_FIELDS, allowOutdated: true });
    // The set-up really is the older analysis: "Łukasz" was indexed as "ukasz".
    expect(old.terms).toContain('ukasz');
    expect(old.terms).not.toContain('lukasz');

    const indexed = indexingCounter.papers;
    const corpus = await Corpus.open(dataDir, { worker: false });
    expect(corpus.problems).toEqual([]);
    expect(indexingCounter.papers - indexed).toBe(papers.length);
    expect(corpus.size).toBe(papers.length);
    expect(corpus.get(papers[2]!.id)).toEqual(updated);
    for (const query of ['lukasz', 'Łukasz', 'WROBEL', 'muller', 'author:zoe']) expect(corpus.search(query).hits.map((h) => h.id), query).toEqual([LUKASZ.id]);
    expect(corpus.search('title:zeppelin').hits.map((h) => h.id)).toEqual([papers[2]!.id]);

    const after = readManifestFile(dataDir);
    const oldNames = before.segments.map((e) => e.name);
    expect(after.segments.map((e) => e.name).filter((name) => oldNames.includes(name))).toEqual([]);
    expect(after.segments.map((e) => e.papers)).toEqual([14, papers.length - 14]);
    expect(after.segments.every((e) => e.masked.length === 0)).toBe(true);
    expect(readdirSync(join(dataDir, 'papers')).filter((name) => oldNames.some((old) => name.startsWith(old)))).toEqual([]);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);

    // Once: opening again re-indexes nothing, and results equal a library built afresh.
    const counted = indexingCounter.papers;
    const again = await Corpus.open(dataDir, { worker: false });
    expect(again.problems).toEqual([]);
    expect(indexingCounter.papers).toBe(counted);
    const fresh = await Corpus.open(tempDir(), { worker: false });
    await fresh.commit({ upsert: again.all(), remove: [] });
    for (const query of ['language models', 'niccolo', 'agent* -llm', 'lukasz']) {
      expect(again.search(query, { limit: 50 }).hits.map((h) => [h.id, h.score]), query).toEqual(fresh.search(query, { limit: 50 }).hits.map((h) => [h.id, h.score]));
    }
    await Promise.all([corpus.close(), again.close(), fresh.close()]);
  });

  it('builds the new indexes with the builder it is given (a worker thread in the app)', async () => {
    const { dataDir, papers } = await olderAnalysisLibrary();
    const built: number[] = [];
    const prepare = async (dir: string, batch: StoredPaper[]) => {
      built.push(batch.length);
      return prepareSegments(dir, batch);
    };
    const loaded = await loadCorpus(dataDir, new Map(), [], true, prepare);
    expect(built).toEqual([14, papers.length - 14]);
    expect(stateEntries(loaded).map(({ segment }) => segment.index.size)).toEqual(built);
    expect(stateEntries(loaded).flatMap(({ segment }) => segment.index.terms)).toContain('lukasz');
  });

  it('Corpus.open (at once or newest first) re-indexes through its segment worker, off the event loop', async () => {
    for (const progressive of [false, true]) {
      const { dataDir, papers } = await olderAnalysisLibrary();
      const prepare = vi.spyOn(SegmentWorker.prototype, 'prepare');
      try {
        const corpus = await Corpus.open(dataDir, { progressive });
        await corpus.whenLoaded();
        expect(prepare.mock.calls.map(([, batch]) => batch.length), `progressive: ${progressive}`).toEqual([14, papers.length - 14]);
        expect(corpus.search('lukasz').hits.map((h) => h.id)).toEqual([LUKASZ.id]);
        await corpus.close();
      } finally {
        prepare.mockRestore();
      }
    }
  });

  it('a reader that cannot write searches the outdated indexes as they are and changes nothing', async () => {
    const { dataDir, papers } = await olderAnalysisLibrary();
    const before = files(dataDir);
    const problems: string[] = [];
    const loaded = await loadCorpus(dataDir, new Map(), problems, false);
    expect(problems).toEqual([]);
    expect(loaded.segments.size).toBe(2);
    expect([...loaded.segments.values()].reduce((sum, segment) => sum + segment.index.size, 0)).toBe(papers.length + 1);
    expect(files(dataDir)).toEqual(before);
  });

  it('refuses an index of a newer version and leaves every file as it is', async () => {
    const { dataDir } = await olderAnalysisLibrary();
    const manifest = readManifestFile(dataDir);
    const entry = manifest.segments[0]!;
    const path = join(dataDir, 'papers', `${entry.name}.idx`);
    writeFileSync(path, withIndexVersion(readFileSync(path), 9));
    const before = files(dataDir);
    await expect(Corpus.open(dataDir, { worker: false })).rejects.toThrow(NewerFormatError);
    expect(files(dataDir)).toEqual(before);
  });
});
