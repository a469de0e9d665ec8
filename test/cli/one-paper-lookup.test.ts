import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { locatePapers } from '../../src/store/paper-locator.ts';
import { readManifest } from '../../src/store/segment-manifest.ts';
import { segmentPaths } from '../../src/store/segment-paths.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { makePaper } from '../search/paper-factory.ts';
import { cliProcess } from './run-cli.ts';

const paper = (n: number, title = `Paper number ${n} about diffusion`) => makePaper({ id: `2601.${String(n).padStart(5, '0')}`, arxivId: `2601.${String(n).padStart(5, '0')}`, title, abstract: `Abstract ${n} on reward models.` });

/** A library of three segments; paper 1 is replaced in the newest and paper 2 removed. */
async function library(): Promise<string> {
  const dir = tempDir();
  const corpus = await Corpus.open(dir, { worker: false });
  await corpus.commit({ upsert: [paper(1), paper(2), paper(3)], remove: [] });
  await corpus.commit({ upsert: [paper(4), paper(5)], remove: [] });
  await corpus.commit({ upsert: [paper(1, 'Paper number 1, second version')], remove: ['2601.00002'] });
  await corpus.close();
  return dir;
}

const papersDir = (dir: string) => join(dir, 'papers');
const filesEnding = (dir: string, suffix: string) => readdirSync(papersDir(dir)).filter((name) => name.endsWith(suffix)).map((name) => join(papersDir(dir), name));
const title = (dir: string, id: string) => cliProcess(dir, ['show', id, '--json']).json<{ title: string }>().title;

describe('commands about one paper read that paper, not the library', () => {
  it('star, tag and show work without reading any search index (damaged indexes stay untouched)', async () => {
    const dir = await library();
    const indexes = filesEnding(dir, '.idx');
    expect(indexes).toHaveLength(3);
    // Same size, wrong content: opening the library would find them damaged and move them to backups/.
    for (const file of indexes) writeFileSync(file, Buffer.alloc(readFileSync(file).length, 7));
    const before = indexes.map((file) => readFileSync(file));
    expect(cliProcess(dir, ['star', 'arXiv:2601.00003']).code).toBe(0);
    expect(cliProcess(dir, ['tag', '2601.00003', 'later']).code).toBe(0);
    const shown = cliProcess(dir, ['show', '2601.00003', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json()).toMatchObject({ id: '2601.00003', starred: true, tags: ['later'] });
    expect(indexes.map((file) => readFileSync(file))).toEqual(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    // A command over the whole library does load (and repair) them.
    expect(cliProcess(dir, ['stats', '--json']).json()).toMatchObject({ papers: 4 });
    expect(existsSync(join(dir, 'backups'))).toBe(true);
  });

  it('finds the live copy: the newest version of a replaced paper, and nothing for a removed one', async () => {
    const dir = await library();
    expect(filesEnding(dir, '.ids')).toHaveLength(3);
    expect(title(dir, '2601.00001')).toBe('Paper number 1, second version');
    expect(title(dir, '2601.00005')).toBe('Paper number 5 about diffusion');
    const removed = cliProcess(dir, ['show', '2601.00002']);
    expect(removed.code).toBe(2);
    expect(removed.stderr).toBe('papershelf: no paper with id "2601.00002" in the library\n');
    // A prefix is not in any sidecar: it is resolved against every id, as in a full load.
    const prefix = cliProcess(dir, ['show', '2601.0000']);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain('could be any of 4 papers');
  });

  it('falls back to reading the library when a sidecar is missing or does not check out', async () => {
    const dir = await library();
    const [oldest, , newest] = filesEnding(dir, '.ids').sort();
    rmSync(oldest!);
    expect(title(dir, '2601.00003')).toBe('Paper number 3 about diffusion');
    // A changed offset would point at the wrong line; the checksum catches it.
    const text = readFileSync(newest!, 'utf8');
    writeFileSync(newest!, text.replace(/\t0\t/, '\t1\t'));
    expect(title(dir, '2601.00001')).toBe('Paper number 1, second version');
    expect(cliProcess(dir, ['star', '2601.00004']).code).toBe(0);
    expect(cliProcess(dir, ['list', '--starred', '--json']).json<{ results: Array<{ id: string }> }>().results.map((p) => p.id)).toEqual(['2601.00004']);
  });

  it('treats a sidecar whose rows cannot be read as unusable, even when its checksum is right', async () => {
    const dir = await library();
    const read = await readManifest(papersDir(dir));
    if (read.kind !== 'ok') throw new Error('no manifest');
    const segments = read.manifest.segments.map((entry) => ({ entry, papersPath: segmentPaths(papersDir(dir), entry.name).papers, idsPath: segmentPaths(papersDir(dir), entry.name).ids }));
    expect((await locatePapers(segments, ['2601.00003']))?.get('2601.00003')?.title).toBe('Paper number 3 about diffusion');
    // Rows without their line checksum (an older layout), with a header that checks out.
    const idsPath = segments[0]!.idsPath;
    const text = readFileSync(idsPath, 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1).replace(/\t\d+\n/g, '\n');
    const header = text.slice(0, newline).split(' ');
    header[4] = String(crc32(Buffer.from(body)));
    writeFileSync(idsPath, `${header.join(' ')}\n${body}`);
    expect(await locatePapers(segments, ['2601.00003'])).toBeNull();
    expect(title(dir, '2601.00003')).toBe('Paper number 3 about diffusion');
  });
});
