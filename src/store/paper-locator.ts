/**
 * Finding one paper without opening the library. Each segment has an immutable sidecar,
 * `seg-NNNN.ids`, written with its other files: for every line of `seg-NNNN.jsonl`, the paper's id
 * and the line's byte offset, length and CRC-32. A command about one paper (star, tag, show) reads
 * the manifest and the sidecars, then that one line, instead of every paper and every index.
 *
 * The sidecar verifies itself: its header names the paper file it describes (size and CRC-32, as
 * the manifest records them) and the CRC-32 of its own body, and each line read is checked against
 * its CRC — the same trust a full load gives a paper file whose checksum matches (it is parsed, not
 * validated again). A sidecar that is missing (segments written before sidecars existed), damaged
 * or describing another file, or a line that does not match, makes the lookup answer null, and the
 * caller falls back to loading the library in full.
 */
import { open, readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { StoredPaper } from '../model/paper.ts';
import type { SegmentEntry } from './segment-manifest.ts';

const MAGIC = 'papershelf-ids';
const VERSION = 2;
// Rows: JSON id, tab, byte offset, tab, byte length, tab, CRC-32 of the line, newline.
/** Serialized papers start with their id (storedPaperSchema's first key); anything else is parsed in full. */
const LEADING_ID = /^\{"id":("(?:[^"\\\n]|\\.){1,2000}")/;

function lineId(line: string): string {
  const match = LEADING_ID.exec(line.slice(0, 4100));
  const id = match ? (JSON.parse(match[1]!) as unknown) : (JSON.parse(line) as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error('a paper line has no id');
  return id;
}

/** The sidecar of a paper file (the bytes of a `.jsonl`). */
export function encodeIdTable(papers: Buffer): Buffer {
  const rows: string[] = [];
  let start = 0;
  while (start < papers.length) {
    const end = papers.indexOf(10, start);
    const stop = end < 0 ? papers.length : end;
    if (stop > start) {
      const line = papers.subarray(start, stop);
      rows.push(`${JSON.stringify(lineId(line.toString('utf8')))}\t${start}\t${stop - start}\t${crc32(line)}\n`);
    }
    start = stop + 1;
  }
  const body = Buffer.from(rows.join(''), 'utf8');
  const header = Buffer.from(`${MAGIC} ${VERSION} ${papers.length} ${crc32(papers)} ${crc32(body)}\n`, 'utf8');
  return Buffer.concat([header, body]);
}

export interface IdTable {
  /** The table's bytes, header included: rows are found by searching for `\n"id"\t`. */
  bytes: Buffer;
}

/** The sidecar, if it is intact and describes the paper file the manifest entry lists. */
export function checkIdTable(bytes: Buffer, entry: SegmentEntry): IdTable | null {
  const headerEnd = bytes.indexOf(10);
  if (headerEnd < 0) return null;
  const [magic, version, size, papersCrc, bodyCrc] = bytes.toString('latin1', 0, headerEnd).split(' ');
  if (magic !== MAGIC || Number(version) !== VERSION) return null;
  if (entry.papersCrc === undefined || Number(size) !== entry.bytes.papers || Number(papersCrc) !== entry.papersCrc) return null;
  if (Number(bodyCrc) !== crc32(bytes.subarray(headerEnd + 1))) return null;
  return { bytes };
}

/**
 * Where the line of paper `id` is in the paper file; null when the segment does not hold it,
 * 'damaged' when its row cannot be read.
 */
export function findRow(table: IdTable, id: string): { offset: number; length: number; crc: number } | null | 'damaged' {
  const found = rowAt(table, id);
  return found === null || found === 'damaged' ? found : found.row;
}

function rowAt(table: IdTable, id: string): { row: { offset: number; length: number; crc: number }; at: number } | null | 'damaged' {
  const key = Buffer.from(`\n${JSON.stringify(id)}\t`, 'utf8');
  const at = table.bytes.indexOf(key);
  if (at < 0) return null;
  const rowEnd = table.bytes.indexOf(10, at + key.length);
  const [offset, length, crc] = table.bytes.toString('latin1', at + key.length, rowEnd < 0 ? undefined : rowEnd).split('\t').map(Number);
  if (![offset, length, crc].every(Number.isSafeInteger)) return 'damaged';
  return { row: { offset: offset!, length: length!, crc: crc! }, at };
}

/** As findRow, with the paper's line number in the segment (rows are in line order). */
export function findRowAndLine(table: IdTable, id: string): { offset: number; length: number; crc: number; line: number } | null | 'damaged' {
  const found = rowAt(table, id);
  if (found === null || found === 'damaged') return found;
  let line = 0;
  for (let i = table.bytes.indexOf(10); i >= 0 && i < found.at; i = table.bytes.indexOf(10, i + 1)) line++;
  return { ...found.row, line };
}

/** The paper on a row's line, checked against the row's CRC and id; null when it does not match. */
export async function readRowPaper(papersPath: string, row: { offset: number; length: number; crc: number }, id: string): Promise<StoredPaper | null> {
  try {
    const line = await readSlice(papersPath, row.offset, row.length);
    if (line.length !== row.length || crc32(line) !== row.crc) return null;
    const paper = JSON.parse(line.toString('utf8')) as StoredPaper;
    return paper?.id === id ? paper : null;
  } catch {
    return null;
  }
}

async function readSlice(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface SegmentFiles {
  entry: SegmentEntry;
  papersPath: string;
  idsPath: string;
}

/**
 * The live copy of each id, reading only sidecars and the lines found; ids the library does not
 * hold are absent from the answer. Segments are given oldest first, as the manifest lists them.
 * Null when any sidecar cannot be trusted, or a line is not the paper its sidecar says.
 */
export async function locatePapers(segments: readonly SegmentFiles[], ids: readonly string[]): Promise<Map<string, StoredPaper> | null> {
  const found = new Map<string, StoredPaper>();
  let wanted = [...new Set(ids)];
  // The newest segment that holds an id without masking it has its live copy.
  for (const segment of [...segments].reverse()) {
    if (wanted.length === 0) break;
    let bytes: Buffer;
    try {
      bytes = await readFile(segment.idsPath);
    } catch {
      return null;
    }
    const table = checkIdTable(bytes, segment.entry);
    if (!table) return null;
    const masked = new Set(segment.entry.masked);
    const rest: string[] = [];
    for (const id of wanted) {
      const row = findRow(table, id);
      if (row === 'damaged') return null;
      if (!row) {
        rest.push(id);
        continue;
      }
      if (masked.has(id)) {
        rest.push(id);
        continue;
      }
      const paper = await readRowPaper(segment.papersPath, row, id);
      if (paper === null) return null;
      found.set(id, paper);
    }
    wanted = rest;
  }
  return found;
}
