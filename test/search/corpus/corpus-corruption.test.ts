import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { fixturePapers } from '../corpus-fixtures.ts';

/** Two segments: papers 0-14 and 15-29, with paper 2 updated (masked in the first) and paper 3 removed. */
async function library() {
  const dataDir = tempDir();
  const papers = fixturePapers();
  const corpus = await Corpus.open(dataDir);
  await corpus.commit({ upsert: papers.slice(0, 15), remove: [] });
  const updated = { ...papers[2]!, title: 'Updated title about zeppelins' };
  await corpus.commit({ upsert: [...papers.slice(15), updated], remove: [papers[3]!.id] });
  const live = corpus.all().map((p) => p.id).sort();
  const path = (name: string) => join(dataDir, 'papers', name);
  return { dataDir, papers, updated, live, path };
}

function backups(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'backups')).filter((name) => name !== 'backups.log');
}

async function reopenCleanly(dataDir: string): Promise<Corpus> {
  const again = await Corpus.open(dataDir);
  expect(again.problems).toEqual([]);
  return again;
}

describe('a damaged corpus', () => {
  it('re-indexes a segment whose index file is garbage, from its papers', async () => {
    const { dataDir, papers, live, path } = await library();
    writeFileSync(path('seg-0001.idx'), 'garbage{');
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toHaveLength(1);
    expect(corpus.problems[0]).toMatch(/papers\/seg-0001: its index file is damaged.*backups\/.*13 readable papers were re-indexed/);
    expect(backups(dataDir).sort()).toEqual([expect.stringMatching(/^seg-0001\.ids\./), expect.stringMatching(/^seg-0001\.idx\./), expect.stringMatching(/^seg-0001\.jsonl\./)]);
    expect(corpus.all().map((p) => p.id).sort()).toEqual(live);
    expect(corpus.search('title:psychometric').hits.map((h) => h.id)).toEqual([papers[1]!.id]);
    expect(corpus.search('zeppelins').hits.map((h) => h.id)).toEqual([papers[2]!.id]);
    expect((await reopenCleanly(dataDir)).all().map((p) => p.id).sort()).toEqual(live);
  });

  it('re-indexes a truncated index file', async () => {
    const { dataDir, live, path } = await library();
    truncateSync(path('seg-0002.idx'), 100);
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0002: its index file is damaged \(wrong size\)/)]);
    expect(corpus.all().map((p) => p.id).sort()).toEqual(live);
    await reopenCleanly(dataDir);
  });

  it('keeps the readable papers of a segment with broken lines', async () => {
    const { dataDir, papers, live, path } = await library();
    const lines = readFileSync(path('seg-0002.jsonl'), 'utf8').split('\n');
    lines[4] = lines[4]!.slice(0, 40);
    writeFileSync(path('seg-0002.jsonl'), lines.join('\n'));
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0002: 1 unreadable line\(s\) in its paper file \(line 5\).*15 readable papers.*1 could not be read/)]);
    expect(corpus.all().map((p) => p.id).sort()).toEqual(live.filter((id) => id !== papers[19]!.id));
    expect(corpus.search('title:zeppelins').total).toBe(1);
    await reopenCleanly(dataDir);
  });

  it('drops a segment whose paper file is gone and loads the rest', async () => {
    const { dataDir, papers, path } = await library();
    rmSync(path('seg-0002.jsonl'));
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0002: its paper file is missing.*import them again/)]);
    // The first segment's copies stay masked: the manifest said newer ones existed.
    const expected = papers.slice(0, 15).map((p) => p.id).filter((id) => id !== papers[2]!.id && id !== papers[3]!.id);
    expect(corpus.all().map((p) => p.id).sort()).toEqual(expected.sort());
    await reopenCleanly(dataDir);
  });

  it('rebuilds an unreadable manifest from the segment files', async () => {
    const { dataDir, papers, updated, live, path } = await library();
    writeFileSync(path('manifest.json'), '{"schemaVersion":1,"segm');
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/manifest\.json was unreadable.*rebuilt from 2 segment file\(s\).*removed .* may be back/)]);
    expect(backups(dataDir)).toEqual([expect.stringMatching(/^manifest\.json\./)]);
    // The newer copy of the updated paper wins; the removed paper is back, as the message says.
    expect(corpus.get(papers[2]!.id)).toEqual(updated);
    expect(corpus.all().map((p) => p.id).sort()).toEqual([...live, papers[3]!.id].sort());
    expect(corpus.search('zeppelins').hits.map((h) => h.id)).toEqual([papers[2]!.id]);
    await reopenCleanly(dataDir);
  });

  it('rejects a manifest with the wrong shape the same way', async () => {
    const { dataDir, live, path } = await library();
    writeFileSync(path('manifest.json'), JSON.stringify({ schemaVersion: 1, nextSegment: 3, segments: [{ name: '../../etc' }] }));
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/manifest\.json was unreadable \(segments\.0\.name/)]);
    expect(corpus.all().length).toBe(live.length + 1);
  });

  it('ignores and later removes files of a commit that never reached the manifest', async () => {
    const { dataDir, papers, live, path } = await library();
    writeFileSync(path('seg-0009.jsonl'), `${JSON.stringify(papers[0])}\n`);
    writeFileSync(path('seg-0009.idx'), 'half-written');
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.all().map((p) => p.id).sort()).toEqual(live);
    await corpus.commit({ upsert: [{ ...papers[5]!, upvotes: 7 }], remove: [] });
    const names = readdirSync(join(dataDir, 'papers')).sort();
    // The leftover is gone (no manifest ever listed it) and the new batch is committed.
    expect(names).toEqual(['manifest.json', ...['seg-0001', 'seg-0002', 'seg-0003'].flatMap((name) => [`${name}.ids`, `${name}.idx`, `${name}.jsonl`])]);
    expect((await reopenCleanly(dataDir)).get(papers[5]!.id)?.upvotes).toBe(7);
  });
});
