/** Papershelf's side of the benchmark that writes: indexing a library, importing into it, annotating. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedImport } from '../../src/importers/types.ts';
import { Library } from '../../src/library/library.ts';
import type { PaperFields } from '../../src/model/paper.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { peakRssMB, readPapers, summary, timedAsync } from './bench-measure.ts';

function folderBytes(dir: string, suffix: string): number {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/** Indexing: one commit of every paper into an empty library, as a bulk import does. */
export async function oursBuild(args: { papersFile: string; dataDir: string }) {
  const papers = readPapers(args.papersFile);
  const corpus = await Corpus.open(args.dataDir, { backgroundMerge: true });
  const built = await timedAsync(() => corpus.commit({ upsert: papers, remove: [] }));
  const segmentsAfterCommit = corpus.segmentCount;
  const settled = await timedAsync(() => corpus.settled());
  await corpus.close();
  const dir = join(args.dataDir, 'papers');
  return {
    buildMs: built.ms,
    backgroundMergeMs: settled.ms,
    segmentsAfterCommit,
    segments: corpus.segmentCount,
    indexBytes: folderBytes(dir, '.idx'),
    papersBytes: folderBytes(dir, '.jsonl'),
    buildPeakRssMB: peakRssMB(),
  };
}

function toFields(papers: ReturnType<typeof readPapers>): PaperFields[] {
  return papers.map(({ id: _id, sources: _sources, addedAt: _added, modifiedAt: _modified, ...fields }) => fields);
}

/** Through the real Library, as the user gets it: an import of a batch, then star/tag/note writes. */
export async function oursLibrary(args: { dataDir: string; importFile: string | null; writeIds: string[] }) {
  const opened = await timedAsync(() => Library.open(args.dataDir));
  const library = opened.value;
  let importMs: number | null = null;
  if (args.importFile) {
    const parsed: ParsedImport = { format: 'hf-json', papers: toFields(readPapers(args.importFile)), warnings: [], skipped: 0 };
    const imported = await timedAsync(() => library.importParsed(parsed));
    importMs = imported.ms;
    if (imported.value.added !== parsed.papers.length) throw new Error(`imported ${imported.value.added} of ${parsed.papers.length} papers`);
  }
  const star: number[] = [];
  const tag: number[] = [];
  const note: number[] = [];
  for (const [i, id] of args.writeIds.entries()) {
    star.push((await timedAsync(() => library.annotate.setStar(id, i % 2 === 0))).ms);
    tag.push((await timedAsync(() => library.annotate.addTags(id, [`bench-${i % 10}`]))).ms);
    note.push((await timedAsync(() => library.annotate.setNote(id, `Benchmark note ${i}: compare with the diffusion baseline.`))).ms);
  }
  const tagged = library.search('tag:bench-1', { limit: 5 }).total;
  const all = [...star, ...tag, ...note];
  return {
    libraryOpenMs: opened.ms,
    importMs,
    writes: { star: summary(star), tag: summary(tag), note: summary(note), all: summary(all) },
    taggedFound: tagged,
    peakRssMB: peakRssMB(),
  };
}
