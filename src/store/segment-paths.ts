/** Names and paths of corpus segment files: what a reader needs before reading any of them. */
import { join } from 'node:path';

export const PAPERS_DIR = 'papers';
export const SEGMENT_NAME_PATTERN = /^seg-\d{4,}$/;

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
  /** The Lunr JSON index of manifest version 1, replaced by `index` when the library is upgraded. */
  legacyIndex: string;
  /** Each paper's line in `papers` (paper-locator.ts); absent for segments written before it existed. */
  ids: string;
}

export function segmentPaths(dir: string, name: string): SegmentPaths {
  return { papers: join(dir, `${name}.jsonl`), index: join(dir, `${name}.idx`), legacyIndex: join(dir, `${name}.lunr.json`), ids: join(dir, `${name}.ids`) };
}
