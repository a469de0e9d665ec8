/**
 * `seg-NNNN.idx`: a segment index as bytes. A small JSON header, then the tables as raw little-endian
 * arrays, so loading is a checksum and a few copies instead of parsing a Lunr JSON index (the
 * slowest part of opening a library: ~11 s for 50,000 papers). The CRC-32 covers everything after
 * the header and the header's padding must be spaces; a file that fails either, or whose tables
 * disagree, is reported as damaged and rebuilt from the segment's papers. An index of a newer
 * version is refused (NewerFormatError), never rebuilt. Terms are checked to read back exactly
 * before anything is written.
 */
import { crc32 } from 'node:zlib';
import { NewerFormatError, PapershelfError } from '../../model/errors.ts';
import { SegmentIndex, SegmentIndexError } from './segment-index.ts';

const MAGIC = Buffer.from('PSIDX\r\n\x1a', 'latin1');
export const SEGMENT_INDEX_FORMAT = 'papershelf-segment-index';
/**
 * 3: terms are analysed with accent folding and the Unicode trimmer (text-terms.ts). A version 2
 * index has the same layout but terms of Lunr's own analysis: it is outdated, not damaged, and is
 * re-indexed from its papers when the library is opened for writing (corpus-upgrade.ts).
 */
export const SEGMENT_INDEX_VERSION = 3;
export const OUTDATED_INDEX_VERSIONS: readonly number[] = [2];

interface Header {
  format: typeof SEGMENT_INDEX_FORMAT;
  version: number;
  fields: string[];
  papers: number;
  terms: number;
  /** Byte length of each section, in file order. */
  sections: Record<(typeof SECTIONS)[number], number>;
  crc: number;
}

const SECTIONS = ['ids', 'terms', 'counts', 'offsets', 'postings', 'lengths'] as const;

function padded(length: number): number {
  return (length + 3) & ~3;
}

function bytesOf(array: Uint32Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * The terms as UTF-8, one per line, checked to read back exactly. UTF-8 cannot carry a lone UTF-16
 * surrogate (it becomes U+FFFD), so two different terms could be written as one and the file would
 * no longer be sorted: such text is refused here rather than written.
 */
function encodeTerms(terms: readonly string[]): Buffer {
  // Terms never contain whitespace (the tokenizer splits on it), so a newline separates them.
  const text = terms.join('\n');
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.toString('utf8') === text && (terms.length === 0 || text.split('\n').length === terms.length)) return bytes;
  const bad = terms.find((term) => Buffer.from(term, 'utf8').toString('utf8') !== term || term.includes('\n')) ?? '';
  throw new TermEncodingError(bad);
}

/** A term the index file cannot hold exactly (a lone UTF-16 surrogate): nothing was written. */
export class TermEncodingError extends PapershelfError {
  constructor(readonly term: string) {
    super('bad-input', `the search index cannot store the term ${JSON.stringify(term)}: it is not well-formed text (a lone UTF-16 surrogate); nothing was written`);
    this.name = 'TermEncodingError';
  }
}

export function encodeSegmentIndex(index: SegmentIndex): Buffer {
  const parts = index.parts();
  const sections: Record<(typeof SECTIONS)[number], Buffer> = {
    ids: Buffer.from(JSON.stringify(parts.ids), 'utf8'),
    terms: encodeTerms(parts.terms),
    counts: bytesOf(parts.counts),
    offsets: bytesOf(parts.offsets),
    postings: bytesOf(parts.postings),
    lengths: bytesOf(parts.lengths),
  };
  const body = Buffer.alloc(SECTIONS.reduce((sum, name) => sum + padded(sections[name].length), 0));
  let at = 0;
  for (const name of SECTIONS) {
    sections[name].copy(body, at);
    at += padded(sections[name].length);
  }
  const header: Header = {
    format: SEGMENT_INDEX_FORMAT,
    version: SEGMENT_INDEX_VERSION,
    fields: [...parts.fields],
    papers: parts.ids.length,
    terms: parts.terms.length,
    sections: Object.fromEntries(SECTIONS.map((name) => [name, sections[name].length])) as Header['sections'],
    crc: crc32(body),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);
  const headerPad = Buffer.alloc(padded(headerBytes.length) - headerBytes.length, 0x20);
  return Buffer.concat([MAGIC, headerLength, headerBytes, headerPad, body]);
}

/** An intact index of an older analysis: its terms no longer match what queries look for. */
export class OutdatedIndexError extends SegmentIndexError {
  constructor(readonly version: number) {
    super(`its terms were analysed by an older version (index version ${version})`);
    this.name = 'OutdatedIndexError';
  }
}

function readHeader(file: Buffer, name: string, allowOutdated: boolean): { header: Header; bodyStart: number } {
  if (file.length < 12 || !file.subarray(0, 8).equals(MAGIC)) throw new SegmentIndexError('not a Papershelf segment index');
  const length = file.readUInt32LE(8);
  if (12 + padded(length) > file.length) throw new SegmentIndexError('its header is truncated');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 12, 12 + length)) as Header;
  } catch {
    throw new SegmentIndexError('its header is not valid JSON');
  }
  if (header?.format !== SEGMENT_INDEX_FORMAT) throw new SegmentIndexError('not a Papershelf segment index');
  const version: unknown = header.version;
  // A newer Papershelf's index is not damage: it is refused and left as it is.
  if (typeof version === 'number' && Number.isInteger(version) && version > SEGMENT_INDEX_VERSION) throw new NewerFormatError(name, version);
  const outdated = typeof version === 'number' && OUTDATED_INDEX_VERSIONS.includes(version);
  if (version !== SEGMENT_INDEX_VERSION && !outdated) throw new SegmentIndexError(`unsupported index version ${String(version)}`);
  // The checksum covers the body only; the header's padding is checked byte for byte instead.
  for (let at = 12 + length; at < 12 + padded(length); at++) if (file[at] !== 0x20) throw new SegmentIndexError('its header is damaged');
  if (outdated && !allowOutdated) throw new OutdatedIndexError(version);
  return { header, bodyStart: 12 + padded(length) };
}

/** A copy, aligned for the typed array (a file's Buffer may start at any byte of its pool). */
function uint32s(bytes: Buffer, what: string): Uint32Array {
  if (bytes.length % 4 !== 0) throw new SegmentIndexError(`its ${what} table is truncated`);
  const array = new Uint32Array(bytes.length / 4);
  bytesOf(array).set(bytes);
  return array;
}

/**
 * Throws SegmentIndexError for anything but an intact index of `papers` papers with these fields,
 * NewerFormatError (naming `expected.file`) for an index of a newer format, and OutdatedIndexError
 * for one of an older analysis unless `allowOutdated` (a reader that cannot re-index makes do with it).
 */
export function decodeSegmentIndex(file: Buffer, expected: { papers: number; fields: readonly string[]; file?: string; allowOutdated?: boolean }): SegmentIndex {
  const { header, bodyStart } = readHeader(file, expected.file ?? 'a segment index', expected.allowOutdated ?? false);
  if (header.papers !== expected.papers) throw new SegmentIndexError(`indexes ${String(header.papers)} papers, the segment holds ${expected.papers}`);
  if (JSON.stringify(header.fields) !== JSON.stringify(expected.fields)) throw new SegmentIndexError('it indexes other fields');
  const body = file.subarray(bodyStart);
  const sizes = SECTIONS.map((name) => header.sections?.[name]);
  if (!sizes.every((size) => Number.isInteger(size) && size! >= 0)) throw new SegmentIndexError('its header is malformed');
  if (sizes.reduce((sum: number, size) => sum + padded(size!), 0) !== body.length) throw new SegmentIndexError('wrong size');
  if (crc32(body) !== header.crc) throw new SegmentIndexError('checksum mismatch');
  const section: Partial<Record<(typeof SECTIONS)[number], Buffer>> = {};
  let at = 0;
  SECTIONS.forEach((name, i) => {
    section[name] = body.subarray(at, at + sizes[i]!);
    at += padded(sizes[i]!);
  });
  let ids: unknown;
  try {
    ids = JSON.parse(section.ids!.toString('utf8'));
  } catch {
    throw new SegmentIndexError('its ids are not valid JSON');
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new SegmentIndexError('its ids are malformed');
  const termText = section.terms!.toString('utf8');
  const terms = header.terms === 0 ? [] : termText.split('\n');
  if (terms.length !== header.terms) throw new SegmentIndexError('its term count is wrong');
  return new SegmentIndex({
    fields: header.fields,
    ids: ids as string[],
    terms,
    counts: uint32s(section.counts!, 'counts'),
    offsets: uint32s(section.offsets!, 'offsets'),
    postings: new Uint8Array(section.postings!),
    lengths: uint32s(section.lengths!, 'lengths'),
  });
}
