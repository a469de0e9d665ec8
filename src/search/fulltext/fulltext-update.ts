/**
 * Brings the full-text index up to date with `pdfs/`: every kept PDF whose text is missing or older
 * than the file is read (pdf.js in its own worker, with its heap cap and time budget), its text kept
 * in `fulltext/<name>.text.json`, and indexed in a new segment; a PDF removed since leaves the index.
 * Work is committed in batches, so a run that is stopped keeps what it did. One process updates at a
 * time (the data folder's `fulltext` lock, apart from its write lock: reading PDFs never holds up a
 * star); another waits for it, then finds little or nothing left to do. This
 * runs in a worker thread of its own (fulltext-update-thread.ts): nothing here runs on a door's thread.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PdfReader, PdfRefusedError } from '../../pdfs/read-pdf-in-worker.ts';
import { writeFileAtomic } from '../../store/atomic-write.ts';
import { ensurePrivateDir } from '../../store/disk-errors.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import { buildIndex } from '../index/segment-index-build.ts';
import { encodeSegmentIndex } from '../index/segment-index-codec.ts';
import { mergeIndexes } from '../index/segment-index-merge.ts';
import type { SegmentIndex } from '../index/segment-index.ts';
import { documentText, fulltextDir, makeRecord, paperIdOfPdf, pdfsDir, readRecord, sameStamp, stampOf, textFileName, textPath, type PdfTextRecord } from './fulltext-files.ts';
import { emptyManifest, FULLTEXT_FIELDS, manifestPath, readManifest, readSegment, type FulltextManifest, type FulltextSegmentEntry } from './fulltext-manifest.ts';

export interface FulltextUpdateSummary {
  /** PDFs whose text was read in this run. */
  extracted: number;
  /** Their pages, and the bytes of those PDFs. */
  pages: number;
  bytes: number;
  /** PDFs newly (re-)indexed, and those that left the index. */
  indexed: number;
  removed: number;
  /** Searchable PDFs after the run. */
  searchable: number;
  /** Kept PDFs without searchable text: no text layer (scans), or refused by the reader. */
  unsearchable: Array<{ id: string; reason: string }>;
  /** Milliseconds spent reading PDFs and indexing. */
  extractMs: number;
  indexMs: number;
}

/** PDFs indexed per committed segment: a stopped run loses at most one batch of work. */
const BATCH = 100;
/** More segments than this are merged into one (postings only: no text is read again). */
const MAX_SEGMENTS = 6;

interface Loaded {
  entry: FulltextSegmentEntry;
  index: SegmentIndex;
}

function segmentName(): string {
  return `ft-${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 8)}.idx`;
}

/** The manifest's segments that read back intact; papers of a damaged one are indexed again. */
function loadSegments(dataDir: string, manifest: FulltextManifest): Loaded[] {
  const loaded: Loaded[] = [];
  for (const entry of manifest.segments) {
    try {
      loaded.push({ entry, index: readSegment(dataDir, entry) });
    } catch {
      // A damaged or missing segment: its papers are found missing below and indexed again.
    }
  }
  manifest.segments = loaded.map(({ entry }) => entry);
  // A PDF listed as indexed but in no intact segment is indexed again.
  const held = new Set<string>();
  for (const { entry, index } of loaded) {
    const removed = new Set(entry.removed);
    for (const id of index.ids) if (!removed.has(id)) held.add(id);
  }
  for (const [id, pdf] of Object.entries(manifest.pdfs)) if (pdf.problem === null && !held.has(id)) delete manifest.pdfs[id];
  return loaded;
}

function markRemoved(loaded: Loaded[], id: string): void {
  for (let s = loaded.length - 1; s >= 0; s--) {
    const { entry, index } = loaded[s]!;
    if (index.ids.includes(id) && !entry.removed.includes(id)) {
      entry.removed.push(id);
      return;
    }
  }
}

async function commit(dataDir: string, manifest: FulltextManifest, loaded: Loaded[], added: SegmentIndex | null): Promise<Loaded[]> {
  const dir = fulltextDir(dataDir);
  let next = loaded;
  if (added) {
    const entry = { file: segmentName(), papers: added.size, removed: [] };
    await writeFileAtomic(join(dir, entry.file), encodeSegmentIndex(added));
    next = [...loaded, { entry, index: added }];
  }
  const masked = next.reduce((sum, { entry }) => sum + entry.removed.length, 0);
  const papers = next.reduce((sum, { index }) => sum + index.size, 0);
  if (next.length > MAX_SEGMENTS || (masked > 0 && masked * 4 > papers)) {
    const merged = mergeIndexes(next.map(({ entry, index }) => ({ index, keep: keepOf(index, entry.removed) })));
    const entry = { file: segmentName(), papers: merged.size, removed: [] };
    await writeFileAtomic(join(dir, entry.file), encodeSegmentIndex(merged));
    next = [{ entry, index: merged }];
  }
  manifest.segments = next.map(({ entry }) => entry);
  await writeFileAtomic(manifestPath(dataDir), JSON.stringify(manifest));
  return next;
}

function keepOf(index: SegmentIndex, removed: readonly string[]): Uint8Array {
  const gone = new Set(removed);
  const keep = new Uint8Array(index.size);
  // A paper indexed twice in one segment cannot happen; the later line would win anyway.
  index.ids.forEach((id, line) => (keep[line] = gone.has(id) ? 0 : 1));
  return keep;
}

/** Segment and text files no manifest names any more (an earlier run's, or removed PDFs'). */
function removeLeftovers(dataDir: string, manifest: FulltextManifest, kept: ReadonlySet<string>): void {
  const dir = fulltextDir(dataDir);
  const live = new Set(manifest.segments.map((entry) => entry.file));
  for (const name of readdirSync(dir)) {
    const stale = (name.startsWith('ft-') && name.endsWith('.idx') && !live.has(name)) || (name.endsWith('.text.json') && !kept.has(name));
    if (stale) rmSync(join(dir, name), { force: true });
  }
}

async function extract(reader: PdfReader, path: string, stamp: NonNullable<ReturnType<typeof stampOf>>): Promise<PdfTextRecord> {
  const { readFile } = await import('node:fs/promises');
  try {
    const text = await reader.readText(await readFile(path));
    return makeRecord(stamp, text.pages, null, text.truncated);
  } catch (error) {
    if (error instanceof PdfRefusedError) return makeRecord(stamp, null, error.message);
    throw error;
  }
}

/** A whole library's PDFs read afresh take minutes; another process waiting for that is fine. */
const LOCK_TIMEOUT_MS = 60 * 60 * 1000;

export function updateFulltext(dataDir: string, options: { reader?: PdfReader } = {}): Promise<FulltextUpdateSummary> {
  ensurePrivateDir(fulltextDir(dataDir));
  return withWriteLock(dataDir, () => update(dataDir, options), { name: 'fulltext', timeoutMs: LOCK_TIMEOUT_MS, onWait: () => undefined });
}

async function update(dataDir: string, options: { reader?: PdfReader }): Promise<FulltextUpdateSummary> {
  const summary: FulltextUpdateSummary = { extracted: 0, pages: 0, bytes: 0, indexed: 0, removed: 0, searchable: 0, unsearchable: [], extractMs: 0, indexMs: 0 };
  const reader = options.reader ?? new PdfReader();
  try {
    const before = readManifest(dataDir);
    const manifest = before ?? emptyManifest();
    let loaded = loadSegments(dataDir, manifest);
    let dirty = before === null || loaded.length !== before.segments.length;
    let names: string[];
    try {
      names = readdirSync(pdfsDir(dataDir));
    } catch {
      names = [];
    }
    const kept = new Map<string, string>();
    for (const name of names.sort()) {
      const id = paperIdOfPdf(name);
      if (id !== null) kept.set(id, name);
    }
    for (const id of Object.keys(manifest.pdfs)) {
      if (kept.has(id)) continue;
      markRemoved(loaded, id);
      delete manifest.pdfs[id];
      summary.removed++;
      dirty = true;
    }
    let batch: Array<{ id: string; pages: string[] }> = [];
    const flush = async () => {
      const started = performance.now();
      const added = batch.length === 0 ? null : buildIndex(FULLTEXT_FIELDS, batch.map(({ id }) => id), (line) => [documentText(batch[line]!.pages)]);
      loaded = await commit(dataDir, manifest, loaded, added);
      summary.indexed += batch.length;
      summary.indexMs += performance.now() - started;
      batch = [];
    };
    for (const [id, name] of kept) {
      const path = join(pdfsDir(dataDir), name);
      const stamp = stampOf(path);
      if (!stamp || sameStamp(manifest.pdfs[id], stamp)) continue;
      let record = readRecord(textPath(dataDir, name));
      if (!record || !sameStamp(record.pdf, stamp)) {
        const started = performance.now();
        record = await extract(reader, path, stamp);
        summary.extractMs += performance.now() - started;
        summary.extracted++;
        summary.bytes += stamp.size;
        summary.pages += record.pages?.length ?? 0;
        await writeFileAtomic(textPath(dataDir, name), JSON.stringify(record));
      }
      markRemoved(loaded, id);
      dirty = true;
      manifest.pdfs[id] = { ...stamp, pages: record.pages?.length ?? 0, problem: record.problem };
      if (record.pages) batch.push({ id, pages: record.pages });
      if (batch.length >= BATCH) await flush();
    }
    if (dirty) await flush();
    removeLeftovers(dataDir, manifest, new Set([...kept.values()].map(textFileName)));
    for (const [id, pdf] of Object.entries(manifest.pdfs)) {
      if (pdf.problem === null) summary.searchable++;
      else summary.unsearchable.push({ id, reason: pdf.problem });
    }
    return summary;
  } finally {
    if (!options.reader) await reader.close();
  }
}
