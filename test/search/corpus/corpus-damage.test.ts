/**
 * Silent damage: a segment file changed without changing its size (one flipped bit) fails its
 * checksum, is set aside in backups/ and reported, and no list or search answers from it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { IndexOnlyCorpus } from '../../../src/search/corpus/index-only-corpus.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';

/** Two segments: papers 0-14, then 15-29 with paper 2 retitled (masked in the first) and paper 3 removed. */
async function library() {
  const dataDir = tempDir();
  const papers = fixturePapers();
  const corpus = await Corpus.open(dataDir);
  await corpus.commit({ upsert: papers.slice(0, 15), remove: [] });
  await corpus.commit({ upsert: [...papers.slice(15), { ...papers[2]!, title: 'Updated title about zeppelins' }], remove: [papers[3]!.id] });
  const path = (name: string) => join(dataDir, 'papers', name);
  return { dataDir, papers, path };
}

/** Flips one bit of the first occurrence of `text` in the file: same size, still valid JSON. */
function flipBitIn(path: string, text: string, bit = 0x02): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(text);
  expect(at, `${text} in ${path}`).toBeGreaterThanOrEqual(0);
  bytes[at + 1]! ^= bit;
  writeFileSync(path, bytes);
}

function backups(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'backups')).filter((name) => name !== 'backups.log').sort();
}

describe('a segment changed on disk without changing size', () => {
  it('sets aside a paper file with a flipped bit and re-indexes an index file with one', async () => {
    const { dataDir, papers, path } = await library();
    const firstSegment = papers.slice(0, 15).map((p) => p.id).filter((id) => id !== papers[2]!.id && id !== papers[3]!.id);
    // "zeppelins" becomes "zgppelins": the line still parses and the paper is still valid.
    flipBitIn(path('seg-0002.jsonl'), 'zeppelins');
    const index = readFileSync(path('seg-0001.idx'));
    index[index.length - 9]! ^= 0x40;
    writeFileSync(path('seg-0001.idx'), index);

    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toHaveLength(2);
    expect(corpus.problems).toContainEqual(expect.stringMatching(/papers\/seg-0001: its index file is damaged \(checksum mismatch\).*13 readable papers were re-indexed/));
    expect(corpus.problems).toContainEqual(expect.stringMatching(/papers\/seg-0002: its paper file does not match its checksum.*backups\/.*16 papers were set aside.*import them again/));
    expect(backups(dataDir)).toEqual(['seg-0001', 'seg-0002'].flatMap((name) => ['ids', 'idx', 'jsonl'].map((ext) => expect.stringMatching(new RegExp(`^${name}\\.${ext}\\.`)))));
    // Nothing of the damaged segment is listed or found, the changed title least of all.
    expect(corpus.all().map((p) => p.id).sort()).toEqual(firstSegment.sort());
    expect(corpus.search('zeppelins').total).toBe(0);
    expect(corpus.search('zgppelins').total).toBe(0);
    // The rest of the library works, and the next open is clean.
    expect(corpus.search('title:psychometric').hits.map((h) => h.id)).toEqual([papers[1]!.id]);
    const again = await Corpus.open(dataDir);
    expect(again.problems).toEqual([]);
    expect(again.all().map((p) => p.id).sort()).toEqual(firstSegment.sort());
  });

  it('is detected in a segment listed by a manifest rebuilt from the files', async () => {
    const { dataDir, path } = await library();
    writeFileSync(path('manifest.json'), '{"schemaVersion":2,"segm');
    expect((await Corpus.open(dataDir)).problems).toEqual([expect.stringMatching(/manifest\.json was unreadable/)]);
    flipBitIn(path('seg-0002.jsonl'), 'zeppelins');
    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/papers\/seg-0002: its paper file does not match its checksum/)]);
    expect(corpus.search('zeppelins').total).toBe(0);
  });

  it('is not searched by a search process that holds no paper bodies', async () => {
    const { dataDir, papers, path } = await library();
    flipBitIn(path('seg-0002.jsonl'), 'zeppelins');
    const indexes = await IndexOnlyCorpus.open(dataDir);
    expect(indexes.problems).toEqual([expect.stringMatching(/papers\/seg-0002 was not searched: its paper file does not match its checksum/)]);
    expect(indexes.search('zeppelins', { offset: 0, limit: 10 }).total).toBe(0);
    expect(indexes.search('title:psychometric', { offset: 0, limit: 10 }).page.map((h) => h.id)).toEqual([papers[1]!.id]);
  });
});

describe('text the index cannot hold exactly', () => {
  it('is refused when committed, and the library still opens as it was', async () => {
    const dataDir = tempDir();
    const papers = fixturePapers();
    const corpus = await Corpus.open(dataDir);
    await corpus.commit({ upsert: papers.slice(0, 5), remove: [] });
    const odd = [makePaper({ id: 'odd-1', title: 'x\ud800y' }), makePaper({ id: 'odd-2', title: 'x\udc00y' })];
    await expect(corpus.commit({ upsert: odd, remove: [] })).rejects.toThrow(/lone UTF-16 surrogate.*nothing was written/);
    const again = await Corpus.open(dataDir);
    expect(again.problems).toEqual([]);
    expect(again.all().map((p) => p.id)).toEqual(papers.slice(0, 5).map((p) => p.id));
  });

  it('in a segment an earlier version wrote, is replaced by U+FFFD when the segment is re-indexed', async () => {
    const { dataDir, papers, path } = await library();
    // An earlier version stored the lone surrogates and wrote an unreadable index for them.
    const text = readFileSync(path('seg-0001.jsonl'), 'utf8').replace(JSON.stringify(papers[0]!.title), '"x\\ud800y"').replace(JSON.stringify(papers[1]!.title), '"x\\udc00y"');
    writeFileSync(path('seg-0001.jsonl'), text);
    const manifest = JSON.parse(readFileSync(path('manifest.json'), 'utf8')) as { segments: Array<{ bytes: { papers: number }; papersCrc: number }> };
    manifest.segments[0]!.bytes.papers = Buffer.byteLength(text);
    manifest.segments[0]!.papersCrc = crc32(text);
    writeFileSync(path('manifest.json'), JSON.stringify(manifest));
    const index = readFileSync(path('seg-0001.idx'));
    index[index.length - 9]! ^= 0x40;
    writeFileSync(path('seg-0001.idx'), index);

    const corpus = await Corpus.open(dataDir);
    expect(corpus.problems).toEqual([expect.stringMatching(/seg-0001: its index file is damaged.*13 readable papers were re-indexed/)]);
    expect(corpus.get(papers[0]!.id)?.title).toBe('x\ufffdy');
    expect(corpus.get(papers[1]!.id)?.title).toBe('x\ufffdy');
    expect((await Corpus.open(dataDir)).problems).toEqual([]);
  });
});
