/**
 * The immutable files of one corpus segment: `seg-NNNN.jsonl` (one StoredPaper per line),
 * `seg-NNNN.idx` (its search index; `seg-NNNN.lunr.json` before manifest version 2) and
 * `seg-NNNN.ids` (where each paper's line is: paper-locator.ts). Written once under a fresh name,
 * never modified.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { StoredPaper } from '../model/paper.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { encodeIdTable } from './paper-locator.ts';
import { segmentNumber, segmentPaths } from './segment-paths.ts';
import { storedPaperSchema } from './segment-paper-schema.ts';

export { PAPERS_DIR, SEGMENT_NAME_PATTERN, papersDir, segmentName, segmentNumber, segmentPaths, type SegmentPaths } from './segment-paths.ts';
const SEGMENT_FILE_PATTERN = /^(seg-\d{4,})\.(jsonl|idx|ids|lunr\.json)$/;

export function serializePapers(papers: readonly StoredPaper[]): string {
  // JSON.stringify escapes U+2028/2029 and newlines inside strings, so one paper is always one line.
  return papers.map((paper) => `${JSON.stringify(paper)}\n`).join('');
}

export interface ParsedPapers {
  papers: StoredPaper[];
  /** 1-based numbers of lines that are not a valid paper. */
  badLines: number[];
}

/**
 * `trusted`: the text is byte for byte what Papershelf wrote (its checksum matched), so each line is
 * only parsed, not validated again — validating every paper was a good part of opening a library.
 */
export function parsePapers(text: string, trusted = false): ParsedPapers {
  const papers: StoredPaper[] = [];
  const badLines: number[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    try {
      if (trusted) {
        papers.push(JSON.parse(line) as StoredPaper);
        return;
      }
      const parsed = storedPaperSchema.safeParse(JSON.parse(line));
      if (parsed.success) papers.push(parsed.data);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { papers, badLines };
}

export interface SegmentBytes {
  papers: number;
  index: number;
}

export interface WrittenSegment {
  bytes: SegmentBytes;
  /** CRC-32 of the paper file, recorded in the manifest. */
  papersChecksum: number;
}

export function checksum(data: Uint8Array): number {
  return crc32(data);
}

/**
 * A new segment's files, written and synced under temporary names before the write lock is taken.
 * The names follow atomic-write's temporary-file pattern with this process's pid, so another
 * process's clean-up leaves them alone while this process lives and removes them if it dies.
 */
export interface StagedSegment {
  papersPath: string;
  indexPath: string;
  idsPath: string;
  written: WrittenSegment;
  published: boolean;
}

async function writeSynced(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o666);
  try {
    let written = 0;
    while (written < data.length) written += (await handle.write(data, written, data.length - written)).bytesWritten;
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function stageSegmentFiles(dir: string, papersText: string | Buffer, index: Buffer): Promise<StagedSegment> {
  const papers = typeof papersText === 'string' ? Buffer.from(papersText, 'utf8') : papersText;
  const stem = join(dir, `staged-${randomBytes(6).toString('hex')}`);
  const temp = `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const staged: StagedSegment = {
    papersPath: `${stem}.jsonl${temp}`,
    indexPath: `${stem}.idx${temp}`,
    idsPath: `${stem}.ids${temp}`,
    written: { bytes: { papers: papers.length, index: index.length }, papersChecksum: checksum(papers) },
    published: false,
  };
  try {
    await writeSynced(staged.papersPath, papers);
    await writeSynced(staged.indexPath, index);
    await writeSynced(staged.idsPath, encodeIdTable(papers));
  } catch (error) {
    await discardStagedSegment(staged);
    throw error;
  }
  return staged;
}

/**
 * Gives staged files their segment name (under the write lock). The manifest written next syncs
 * the folder, which makes these renames durable with it.
 */
export async function publishStagedSegment(dir: string, staged: StagedSegment, name: string): Promise<WrittenSegment> {
  const paths = segmentPaths(dir, name);
  await rename(staged.papersPath, paths.papers);
  await rename(staged.indexPath, paths.index);
  await rename(staged.idsPath, paths.ids);
  staged.published = true;
  return staged.written;
}

export async function discardStagedSegment(staged: StagedSegment): Promise<void> {
  if (staged.published) return;
  for (const path of [staged.papersPath, staged.indexPath, staged.idsPath]) await unlink(path).catch(() => undefined);
}

/** Writes (or replaces) only the index of a segment whose paper file stays as it is. */
export async function writeSegmentIndex(dir: string, name: string, index: Buffer): Promise<number> {
  await writeFileAtomic(segmentPaths(dir, name).index, index);
  return index.length;
}

/** Reads a file, or null when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Segment names that have at least one file in the folder, oldest first. */
export async function segmentNamesOnDisk(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found = new Set<string>();
  for (const name of names) {
    const match = SEGMENT_FILE_PATTERN.exec(name);
    if (match?.[1]) found.add(match[1]);
  }
  return [...found].sort((a, b) => segmentNumber(a) - segmentNumber(b));
}

export async function deleteSegmentFiles(dir: string, name: string): Promise<void> {
  const paths = segmentPaths(dir, name);
  for (const path of [paths.papers, paths.index, paths.legacyIndex, paths.ids]) {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
