/**
 * One segment's features, cached in `recommend/features/<segment>.bin` of the data folder (in a
 * synced folder, under a name of the segment file's content, see synced-features.ts). Segments
 * never change once written, so a segment's features are computed once (from its `.jsonl`) and read
 * back afterwards; a file whose segment left the manifest is deleted. The header records the paper
 * file's size and checksum, so a cache from another copy of the folder is never trusted.
 *
 * File: "PSRF", u32 format version, u32 header length, JSON header (ids, published dates, addedAt,
 * upvotes), padding to 4 bytes, then Uint32 offsets (papers + 1), Uint32 buckets, Uint16 counts.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { segmentPaths, papersDir } from '../store/segment-paths.ts';
import type { SegmentEntry } from '../store/segment-manifest.ts';
import { countFeatures, paperText } from './features.ts';

const MAGIC = 0x46525350; // "PSRF" little-endian
/** Bump when features.ts changes what a text becomes: older caches are rebuilt. */
export const FEATURES_VERSION = 1;

export const FEATURES_DIR = join('recommend', 'features');

export interface SegmentFeatures {
  segment: string;
  /** The paper file these were computed from (size and CRC-32 as the manifest records them). */
  source: { bytes: number; crc: number | null };
  ids: string[];
  published: (string | null)[];
  /** addedAt as milliseconds since the epoch. */
  added: number[];
  upvotes: (number | null)[];
  offsets: Uint32Array;
  buckets: Uint32Array;
  counts: Uint16Array;
}

type Header = Omit<SegmentFeatures, 'offsets' | 'buckets' | 'counts'> & { entries: number };

export function featuresPath(dataDir: string, segment: string): string {
  return join(dataDir, FEATURES_DIR, `${segment}.bin`);
}

export interface PaperLine {
  id: string;
  title?: unknown;
  abstract?: unknown;
  published?: unknown;
  addedAt?: unknown;
  upvotes?: unknown;
}

/**
 * Where a segment's files are and the name its features are cached under: `papers/` and the segment's
 * name in a single-folder library; in a synced one, the folder of the device (or base) holding it.
 */
export interface SegmentPlace {
  dir: string;
  cacheName: string;
}

function legacyPlace(dataDir: string, entry: SegmentEntry): SegmentPlace {
  return { dir: papersDir(dataDir), cacheName: entry.name };
}

/** Features of the papers in one segment's `.jsonl` (every line, masked or not: masks change, files do not). */
export async function computeSegmentFeatures(dataDir: string, entry: SegmentEntry, place: SegmentPlace = legacyPlace(dataDir, entry)): Promise<SegmentFeatures> {
  const text = await readFile(segmentPaths(place.dir, entry.name).papers, 'utf8');
  const papers: PaperLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const paper = JSON.parse(line) as PaperLine;
    if (typeof paper.id === 'string') papers.push(paper);
  }
  return featuresOfPapers(place.cacheName, sourceOf(entry), papers);
}

/** Features of papers held in memory (a segment's lines, or papers made by a benchmark). */
export function featuresOfPapers(segment: string, source: SegmentFeatures['source'], papers: readonly PaperLine[]): SegmentFeatures {
  const perPaper = papers.map((paper) => countFeatures(paperText({ title: asText(paper.title), abstract: asText(paper.abstract) })));
  const offsets = new Uint32Array(perPaper.length + 1);
  perPaper.forEach((features, index) => (offsets[index + 1] = (offsets[index] ?? 0) + features.buckets.length));
  const total = offsets[perPaper.length] ?? 0;
  const buckets = new Uint32Array(total);
  const counts = new Uint16Array(total);
  perPaper.forEach((features, index) => {
    buckets.set(features.buckets, offsets[index]);
    counts.set(features.counts, offsets[index]);
  });
  return {
    segment,
    source,
    ids: papers.map((paper) => paper.id),
    published: papers.map((paper) => (typeof paper.published === 'string' ? paper.published : null)),
    added: papers.map((paper) => {
      const time = typeof paper.addedAt === 'string' ? Date.parse(paper.addedAt) : NaN;
      return Number.isFinite(time) ? time : 0;
    }),
    upvotes: papers.map((paper) => (typeof paper.upvotes === 'number' ? paper.upvotes : null)),
    offsets,
    buckets,
    counts,
  };
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sourceOf(entry: SegmentEntry): { bytes: number; crc: number | null } {
  return { bytes: entry.bytes.papers, crc: entry.papersCrc ?? null };
}

export function encodeSegmentFeatures(features: SegmentFeatures): Uint8Array {
  const header: Header = {
    segment: features.segment,
    source: features.source,
    ids: features.ids,
    published: features.published,
    added: features.added,
    upvotes: features.upvotes,
    entries: features.buckets.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = align(12 + json.length);
  const offsetsAt = headerEnd;
  const bucketsAt = offsetsAt + features.offsets.byteLength;
  const countsAt = bucketsAt + features.buckets.byteLength;
  const out = Buffer.alloc(countsAt + features.counts.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FEATURES_VERSION, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  out.set(new Uint8Array(features.offsets.buffer, features.offsets.byteOffset, features.offsets.byteLength), offsetsAt);
  out.set(new Uint8Array(features.buckets.buffer, features.buckets.byteOffset, features.buckets.byteLength), bucketsAt);
  out.set(new Uint8Array(features.counts.buffer, features.counts.byteOffset, features.counts.byteLength), countsAt);
  return out;
}

function align(n: number): number {
  return (n + 3) & ~3;
}

/** The cached features, or null when the file is absent, damaged, of another version or of another paper file. */
export function decodeSegmentFeatures(bytes: Uint8Array, entry: SegmentEntry, cacheName: string = entry.name): SegmentFeatures | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FEATURES_VERSION) return null;
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) return null;
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 12, jsonLength).toString('utf8')) as Header;
  } catch {
    return null;
  }
  const source = sourceOf(entry);
  if (header.segment !== cacheName || header.source?.bytes !== source.bytes || header.source.crc !== source.crc) return null;
  const papers = header.ids.length;
  const offsetsAt = align(12 + jsonLength);
  const bucketsAt = offsetsAt + (papers + 1) * 4;
  const countsAt = bucketsAt + header.entries * 4;
  if (countsAt + header.entries * 2 !== bytes.length) return null;
  // Copies: the arrays must be aligned and must not keep the file's buffer alive.
  const slice = (start: number, end: number) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end);
  const offsets = new Uint32Array(slice(offsetsAt, bucketsAt));
  if (offsets[papers] !== header.entries) return null;
  return {
    segment: header.segment,
    source: header.source,
    ids: header.ids,
    published: header.published,
    added: header.added,
    upvotes: header.upvotes,
    offsets,
    buckets: new Uint32Array(slice(bucketsAt, countsAt)),
    counts: new Uint16Array(slice(countsAt, bytes.length)),
  };
}

/** The segment's features from the cache file, computing and writing it when absent or stale. */
export async function loadSegmentFeatures(dataDir: string, entry: SegmentEntry, place: SegmentPlace = legacyPlace(dataDir, entry)): Promise<{ features: SegmentFeatures; built: boolean }> {
  const path = featuresPath(dataDir, place.cacheName);
  const cached = await readFile(path).then(
    (bytes) => decodeSegmentFeatures(bytes, entry, place.cacheName),
    () => null,
  );
  if (cached) return { features: cached, built: false };
  const features = await computeSegmentFeatures(dataDir, entry, place);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, encodeSegmentFeatures(features));
  } catch {
    // A cache that cannot be written (read-only folder, full disk) is computed again next time.
  }
  return { features, built: true };
}

/**
 * Deletes cached features of segments no longer in the manifest (merged away or removed). `live`
 * holds cache names; with `anyName` (a synced folder, whose cache names are not `seg-N`) every
 * `.bin` not live goes.
 */
export async function dropStaleFeatures(dataDir: string, live: ReadonlySet<string>, anyName = false): Promise<void> {
  const dir = join(dataDir, FEATURES_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = (anyName ? /^(.+)\.bin$/ : /^(seg-\d+)\.bin$/).exec(name);
    if (match?.[1] && !live.has(match[1])) await unlink(join(dir, name)).catch(() => undefined);
  }
}
