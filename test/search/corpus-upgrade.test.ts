/**
 * A library written before manifest version 2 (a Lunr JSON index per segment) opens as it was: its
 * segments are re-indexed into the new format once, the old manifest is kept in backups/, and a
 * segment that cannot be read is reported and repaired as usual.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../src/model/paper.ts';
import { Corpus } from '../../src/search/corpus.ts';
import { serializePapers } from '../../src/store/segment-files.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { fixturePapers } from './corpus-fixtures.ts';

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
