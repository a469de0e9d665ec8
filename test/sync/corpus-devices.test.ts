import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../src/model/paper.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { devicePapersDir } from '../../src/search/corpus/device-manifest.ts';
import { IndexOnlyCorpus } from '../../src/search/corpus/index-only-corpus.ts';
import { migrateCorpusToDevice } from '../../src/sync/corpus-migration.ts';
import { DEVICE_ID_ENV } from '../../src/sync/device-identity.ts';
import { fixturePapers, makePaper } from '../search/corpus-fixtures.ts';
import { conflictedCopyName, FolderCopier } from './folder-copier.ts';
import { tempDir } from './sync-harness.ts';

/*
 * Papers imported on two devices of one synced data folder, carried by a Dropbox-like copier: every
 * device writes only sync/devices/<id>/papers/, and each reads the union.
 */

const opened: Corpus[] = [];
afterEach(async () => {
  for (const corpus of opened.splice(0)) await corpus.close();
});

async function openAs(dataDir: string, deviceId: string): Promise<Corpus> {
  const before = process.env[DEVICE_ID_ENV];
  process.env[DEVICE_ID_ENV] = deviceId;
  try {
    const corpus = await Corpus.open(dataDir, { worker: false });
    opened.push(corpus);
    return corpus;
  } finally {
    if (before === undefined) delete process.env[DEVICE_ID_ENV];
    else process.env[DEVICE_ID_ENV] = before;
  }
}

/** A data folder in the synced layout, as a migrated one has it: `sync/devices/<id>/`. */
function syncedFolder(deviceId: string): string {
  const dir = tempDir('papershelf-corpus-sync-');
  mkdirSync(join(dir, 'sync', 'devices', deviceId), { recursive: true });
  return dir;
}

function ids(corpus: Corpus): string[] {
  return corpus
    .all()
    .map((paper) => paper.id)
    .sort();
}

/** The paper's longest plain word: a query only it (or few others) answers. */
function wordOf(paper: StoredPaper): string {
  return (paper.title.match(/[A-Za-z]+/g) ?? []).reduce((best, word) => (word.length > best.length ? word : best), '');
}

function searchIds(corpus: Corpus, query: string): string[] {
  return corpus
    .search(query, { limit: 1000 })
    .hits.map((hit) => hit.id)
    .sort();
}

/** Every file under the folder, relative, for "nothing was written here" checks. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    try {
      files.set(name, readFileSync(path, 'base64'));
    } catch {
      // A folder: its files are listed on their own.
    }
  }
  return files;
}

describe('papers in a synced data folder', () => {
  it('keeps every paper when two devices import different papers offline and the copier carries both ways', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    const laptop = await openAs(a, 'laptop');
    const desktop = await openAs(b, 'desktop');
    await laptop.commit({ upsert: papers.slice(0, 10), remove: [] });
    await laptop.commit({ upsert: papers.slice(10, 15), remove: [] });
    await desktop.commit({ upsert: papers.slice(15, 25), remove: [] });

    const copier = new FolderCopier(a, b);
    const report = copier.sync();
    expect(report.conflicts).toEqual([]);
    expect(existsSync(join(a, 'papers', 'manifest.json'))).toBe(false);

    const all = papers
      .slice(0, 25)
      .map((paper) => paper.id)
      .sort();
    for (const [dir, id] of [
      [a, 'laptop'],
      [b, 'desktop'],
    ] as const) {
      const corpus = await openAs(dir, id);
      expect(ids(corpus)).toEqual(all);
      // Search answers over the union: a word from a paper of each device.
      expect(searchIds(corpus, wordOf(papers[2]!))).toContain(papers[2]!.id);
      expect(searchIds(corpus, `title:${wordOf(papers[20]!)}`)).toContain(papers[20]!.id);
    }
    // The search worker's index-only corpus answers over the same union.
    process.env[DEVICE_ID_ENV] = 'desktop';
    const worker = await IndexOnlyCorpus.open(b);
    delete process.env[DEVICE_ID_ENV];
    const query = wordOf(papers[2]!);
    const inProcess = (await openAs(b, 'desktop')).search(query, { limit: 1000 });
    const fromWorker = worker.search(query, { offset: 0, limit: 1000 });
    expect(fromWorker.page.map((hit) => [hit.id, hit.score])).toEqual(inProcess.hits.map((hit) => [hit.id, hit.score]));
    expect(worker.size).toBe(25);
    worker.close();
    // The open corpora pick the other device's papers up when told that files arrived.
    expect((await laptop.reloadForeignSegments()).changed).toBe(true);
    expect(ids(laptop)).toEqual(all);
  });

  it('holds a paper imported on both devices once, the later commit winning', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const paper = fixturePapers()[3]!;
    const laptop = await openAs(a, 'laptop');
    const desktop = await openAs(b, 'desktop');
    await laptop.commit({ upsert: [{ ...paper, upvotes: 1 }], remove: [] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await desktop.commit({ upsert: [{ ...paper, upvotes: 7, modifiedAt: '2026-06-13T00:00:00.000Z' }], remove: [] });
    new FolderCopier(a, b).sync();
    for (const corpus of [await openAs(a, 'laptop'), await openAs(b, 'desktop')]) {
      expect(corpus.size).toBe(1);
      expect(corpus.get(paper.id)?.upvotes).toBe(7);
      expect(corpus.search(wordOf(paper)).total).toBe(1);
    }
    // A device that saw the other's copy and writes again wins, whatever its wall clock says.
    const again = await openAs(a, 'laptop');
    await again.commit({ upsert: [{ ...paper, upvotes: 9 }], remove: [] });
    new FolderCopier(a, b).sync();
    expect((await openAs(b, 'desktop')).get(paper.id)?.upvotes).toBe(9);
  });

  it('finds single papers without loading the union, choosing the copy the full union shows', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    const laptop = await openAs(a, 'laptop');
    await laptop.commit({ upsert: papers.slice(0, 6), remove: [] });
    await laptop.commit({ upsert: papers.slice(6, 9), remove: [] });
    // A merged segment of the laptop holds lines committed at two times.
    await laptop.compact({ all: true });
    const copier = new FolderCopier(a, b);
    copier.sync();
    const desktop = await openAs(b, 'desktop');
    await desktop.commit({ upsert: [{ ...papers[1]!, upvotes: 4242 }], remove: [papers[2]!.id] });
    copier.sync();
    const wanted = [papers[1]!.id, papers[2]!.id, papers[7]!.id, 'no-such-paper'];
    process.env[DEVICE_ID_ENV] = 'laptop';
    const lazy = await Corpus.open(a, { lazy: true, worker: false });
    opened.push(lazy);
    delete process.env[DEVICE_ID_ENV];
    await lazy.locate(wanted);
    expect(lazy.deferred).toBe(true);
    const full = await openAs(a, 'laptop');
    for (const id of wanted) expect(lazy.get(id)).toEqual(full.get(id));
    expect(lazy.get(papers[1]!.id)?.upvotes).toBe(4242);
    expect(lazy.get(papers[2]!.id)).toBeUndefined();
    expect(lazy.get(papers[7]!.id)?.id).toBe(papers[7]!.id);
  });

  it('keeps a paper first known by title and then by arXiv id as one paper, and removals cross devices', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const byTitle = makePaper({ id: 't:graph-neural-zeppelins', title: 'Graph neural zeppelins' });
    const other = makePaper({ id: 't:lonely-paper', title: 'A lonely paper' });
    await (await openAs(a, 'laptop')).commit({ upsert: [byTitle, other], remove: [] });
    const copier = new FolderCopier(a, b);
    copier.sync();
    // The desktop learns the arXiv id: the paper moves to its new key there, and it removes another.
    const desktop = await openAs(b, 'desktop');
    expect(ids(desktop)).toEqual([other.id, byTitle.id].sort());
    await desktop.commit({ upsert: [{ ...byTitle, id: '2606.99999', arxivId: '2606.99999' }], remove: [byTitle.id, other.id] });
    copier.sync();
    // The laptop's own segment still holds both old copies; the desktop's removals hide them.
    const laptop = await openAs(a, 'laptop');
    expect(ids(laptop)).toEqual(['2606.99999']);
    expect(searchIds(laptop, 'zeppelins')).toEqual(['2606.99999']);
    // A later import of the removed paper on the laptop brings it back (it is newer than the removal).
    await laptop.commit({ upsert: [other], remove: [] });
    copier.sync();
    expect(ids(await openAs(b, 'desktop'))).toEqual(['2606.99999', other.id].sort());
  });

  it('skips a segment a manifest lists before its files have arrived, and loads it once they have', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    await (await openAs(a, 'laptop')).commit({ upsert: papers.slice(0, 5), remove: [] });
    const desktop = await openAs(b, 'desktop');
    await desktop.commit({ upsert: papers.slice(5, 8), remove: [] });
    const copier = new FolderCopier(a, b);
    // The manifest arrives first; the segment's paper file does not (yet).
    copier.sync({ only: (path) => !path.endsWith('.jsonl') });
    const reload = await desktop.reloadForeignSegments();
    expect(reload.waiting).toEqual(['waiting for 1 segment from device laptop (not fully synced yet)']);
    expect(desktop.problems).toContain('waiting for 1 segment from device laptop (not fully synced yet)');
    expect(ids(desktop)).toEqual(papers.slice(5, 8).map((p) => p.id).sort());
    // Writing meanwhile keeps the other device's listing untouched and loses nothing.
    await desktop.commit({ upsert: [papers[9]!], remove: [] });
    copier.sync();
    expect((await desktop.reloadForeignSegments()).waiting).toEqual([]);
    expect(desktop.problems.filter((line) => line.startsWith('waiting'))).toEqual([]);
    expect(ids(desktop)).toEqual([...papers.slice(0, 9), papers[9]!].map((p) => p.id).sort().filter((id) => id !== papers[8]!.id));
  });

  it('skips a half-copied segment without repairing it, and reads it when the copy completes', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    await (await openAs(a, 'laptop')).commit({ upsert: papers.slice(0, 6), remove: [] });
    const copier = new FolderCopier(a, b);
    const report = copier.sync({ halfCopy: (path) => path.endsWith('.jsonl') });
    expect(report.halfCopied.length).toBe(1);
    const cut = join(b, report.halfCopied[0]!);
    const cutBytes = readFileSync(cut);
    const desktop = await openAs(b, 'desktop');
    expect(desktop.size).toBe(0);
    expect(desktop.problems.join('\n')).toContain('waiting for 1 segment from device laptop');
    // Nothing was moved or rewritten in the other device's folder.
    expect(readFileSync(cut)).toEqual(cutBytes);
    expect(existsSync(join(b, 'backups'))).toBe(false);
    copier.sync();
    await desktop.reloadForeignSegments();
    expect(ids(desktop)).toEqual(papers.slice(0, 6).map((p) => p.id).sort());
  });

  it('ignores conflicted copies of a manifest and never deletes another device’s', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    await (await openAs(a, 'laptop')).commit({ upsert: papers.slice(0, 4), remove: [] });
    const copier = new FolderCopier(a, b);
    copier.sync();
    // A sync tool kept a stale copy of each device's manifest beside the real one.
    const foreignCopy = join(devicePapersDir(b, 'laptop'), conflictedCopyName('manifest.json'));
    writeFileSync(foreignCopy, '{"schemaVersion":1,"device":"laptop","nextSegment":1,"clock":0,"segments":[],"removed":[]}\n');
    const ownCopy = join(devicePapersDir(a, 'laptop'), 'manifest.sync-conflict-20260102-030405-ABCDEFG.json');
    writeFileSync(ownCopy, 'not even json');
    const desktop = await openAs(b, 'desktop');
    expect(ids(desktop)).toEqual(papers.slice(0, 4).map((p) => p.id).sort());
    await desktop.commit({ upsert: [papers[4]!], remove: [papers[0]!.id] });
    const laptop = await openAs(a, 'laptop');
    await laptop.commit({ upsert: [papers[5]!], remove: [] });
    expect(existsSync(foreignCopy)).toBe(true);
    expect(existsSync(ownCopy)).toBe(true);
    copier.sync();
    for (const corpus of [await openAs(a, 'laptop'), await openAs(b, 'desktop')]) {
      expect(ids(corpus)).toEqual(papers.slice(1, 6).map((p) => p.id).sort());
    }
  });

  it('merges only its own segments, leaving other devices’ files as they are', async () => {
    const a = syncedFolder('laptop');
    const b = syncedFolder('desktop');
    const papers = fixturePapers();
    const laptop = await openAs(a, 'laptop');
    for (let i = 0; i < 4; i++) await laptop.commit({ upsert: papers.slice(i * 3, i * 3 + 3), remove: [] });
    const copier = new FolderCopier(a, b);
    copier.sync();
    const desktop = await openAs(b, 'desktop');
    for (let i = 4; i < 8; i++) await desktop.commit({ upsert: papers.slice(i * 3, i * 3 + 3), remove: [] });
    const foreignBefore = filesUnder(devicePapersDir(b, 'laptop'));
    await desktop.compact({ all: true });
    expect(filesUnder(devicePapersDir(b, 'laptop'))).toEqual(foreignBefore);
    const own = JSON.parse(readFileSync(join(devicePapersDir(b, 'desktop'), 'manifest.json'), 'utf8')) as { segments: unknown[] };
    expect(own.segments).toHaveLength(1);
    expect(ids(desktop)).toEqual(papers.slice(0, 24).map((p) => p.id).sort());
    expect(ids(await openAs(b, 'desktop'))).toEqual(papers.slice(0, 24).map((p) => p.id).sort());
  });
});

describe('migrating papers/ to the synced layout', () => {
  async function singleFolderLibrary(papers: StoredPaper[]): Promise<string> {
    const dir = tempDir('papershelf-corpus-migrate-');
    const corpus = await Corpus.open(dir, { worker: false });
    await corpus.commit({ upsert: papers.slice(0, 10), remove: [] });
    await corpus.commit({ upsert: papers.slice(10, 20), remove: [papers[0]!.id] });
    await corpus.close();
    return dir;
  }

  it('keeps every paper, once, when two devices that had the same library migrate and import offline', async () => {
    const papers = fixturePapers();
    const a = await singleFolderLibrary(papers);
    const b = tempDir('papershelf-corpus-migrate-');
    const copier = new FolderCopier(a, b);
    copier.sync();
    const papersBefore = filesUnder(join(a, 'papers'));
    expect((await migrateCorpusToDevice(a, 'laptop')).outcome).toBe('migrated');
    expect((await migrateCorpusToDevice(a, 'laptop')).outcome).toBe('already');
    expect((await migrateCorpusToDevice(b, 'desktop')).outcome).toBe('migrated');
    expect(filesUnder(join(a, 'papers'))).toEqual(papersBefore);
    for (const [dir, id] of [
      [a, 'laptop'],
      [b, 'desktop'],
    ] as const) {
      mkdirSync(join(dir, 'sync', 'devices', id), { recursive: true });
    }
    const laptop = await openAs(a, 'laptop');
    const desktop = await openAs(b, 'desktop');
    const before = papers.slice(1, 20).map((p) => p.id);
    expect(ids(laptop)).toEqual([...before].sort());
    await laptop.commit({ upsert: [papers[20]!], remove: [] });
    await desktop.commit({ upsert: [papers[21]!], remove: [papers[1]!.id] });
    expect(copier.sync().conflicts).toEqual([]);
    const expected = [...before.filter((id) => id !== papers[1]!.id), papers[20]!.id, papers[21]!.id].sort();
    for (const corpus of [await openAs(a, 'laptop'), await openAs(b, 'desktop')]) {
      expect(ids(corpus)).toEqual(expected);
      expect(corpus.size).toBe(expected.length);
      expect(searchIds(corpus, wordOf(papers[5]!))).toContain(papers[5]!.id);
    }
  });
});
