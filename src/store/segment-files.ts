/**
 * The immutable files of one corpus segment: `seg-NNNN.jsonl` (one StoredPaper per line) and
 * `seg-NNNN.lunr.json` (its search index). Written once under a fresh name, never modified.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredPaper } from '../model/paper.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { storedPaperSchema } from './segment-paper-schema.ts';

export const PAPERS_DIR = 'papers';
export const SEGMENT_NAME_PATTERN = /^seg-\d{4,}$/;
const SEGMENT_FILE_PATTERN = /^(seg-\d{4,})\.(jsonl|lunr\.json)$/;

export function papersDir(dataDir: string): string {
  return join(dataDir, PAPERS_DIR);
}

export function segmentName(number: number): string {
  return `seg-${String(number).padStart(4, '0')}`;
}

export function segmentNumber(name: string): number {
  return Number(name.slice('seg-'.length));
}

export interface SegmentPaths {
  papers: string;
  index: string;
}

export function segmentPaths(dir: string, name: string): SegmentPaths {
  return { papers: join(dir, `${name}.jsonl`), index: join(dir, `${name}.lunr.json`) };
}

export function serializePapers(papers: readonly StoredPaper[]): string {
  // JSON.stringify escapes U+2028/2029 and newlines inside strings, so one paper is always one line.
  return papers.map((paper) => `${JSON.stringify(paper)}\n`).join('');
}

export interface ParsedPapers {
  papers: StoredPaper[];
  /** 1-based numbers of lines that are not a valid paper. */
  badLines: number[];
}

export function parsePapers(text: string): ParsedPapers {
  const papers: StoredPaper[] = [];
  const badLines: number[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    try {
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

/** Papers first: a segment whose index is missing can be rebuilt from its papers, not the reverse. */
export async function writeSegmentFiles(dir: string, name: string, papersText: string, indexText: string): Promise<SegmentBytes> {
  const paths = segmentPaths(dir, name);
  const papers = Buffer.from(papersText, 'utf8');
  const index = Buffer.from(indexText, 'utf8');
  await writeFileAtomic(paths.papers, papers);
  await writeFileAtomic(paths.index, index);
  return { papers: papers.length, index: index.length };
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
  for (const path of [paths.papers, paths.index]) {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
