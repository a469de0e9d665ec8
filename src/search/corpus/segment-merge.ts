/**
 * The work of merging segments, from their files alone (so it can run in a worker thread): the kept
 * papers' lines are copied from the .jsonl files byte for byte, and their postings from the indexes
 * (segment-index-merge.ts). Nothing is parsed or tokenized again.
 */
import { readFile } from 'node:fs/promises';
import { segmentPaths } from '../../store/segment-files.ts';
import { PAPER_FIELDS } from '../analysis/fields.ts';
import { decodeSegmentIndex, encodeSegmentIndex } from '../index/segment-index-codec.ts';
import { mergeIndexes } from '../index/segment-index-merge.ts';

export interface MergeJob {
  dir: string;
  /** Oldest first; `keep[line]` is 1 for the papers that go into the merged segment. */
  segments: Array<{ name: string; papers: number; keep: Uint8Array }>;
}

export interface MergeResult {
  /** The merged .jsonl. */
  papers: Uint8Array;
  /** The merged index, encoded. */
  index: Uint8Array;
}

const NEWLINE = Buffer.from('\n');

/** The kept lines of a .jsonl, each with its newline. */
function keptLines(file: Buffer, keep: Uint8Array, expected: number): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  let line = 0;
  while (start < file.length) {
    const end = file.indexOf(10, start);
    const stop = end < 0 ? file.length : end + 1;
    // Every line ends with a newline when Papershelf writes it; a file edited by hand may lack the last.
    if (keep[line] === 1) lines.push(file[stop - 1] === 10 ? file.subarray(start, stop) : Buffer.concat([file.subarray(start, stop), NEWLINE]));
    start = stop;
    line++;
  }
  if (line !== expected) throw new Error(`the paper file has ${line} lines, ${expected} were expected`);
  return lines;
}

export async function runMergeJob(job: MergeJob): Promise<MergeResult> {
  const papers: Buffer[] = [];
  const inputs = [];
  for (const segment of job.segments) {
    const paths = segmentPaths(job.dir, segment.name);
    papers.push(...keptLines(await readFile(paths.papers), segment.keep, segment.papers));
    inputs.push({ index: decodeSegmentIndex(await readFile(paths.index), { papers: segment.papers, fields: PAPER_FIELDS }), keep: segment.keep });
  }
  return { papers: Buffer.concat(papers), index: encodeSegmentIndex(mergeIndexes(inputs)) };
}
