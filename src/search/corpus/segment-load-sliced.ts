/**
 * Loading one intact segment with its papers while the event loop keeps answering: the paper file is
 * parsed a slice of lines at a time with a turn of the event loop between slices (parsing is most of
 * the cost of loading a segment). Used when another device's segments arrive in an open library.
 * Anything not intact (size or checksum) goes to the ordinary loader, which names the damage.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { checksum, readIfExists, segmentPaths } from '../../store/segment-files.ts';
import type { SegmentEntry } from '../../store/segment-manifest.ts';
import { PAPER_FIELDS } from '../analysis/fields.ts';
import { decodeSegmentIndex } from '../index/segment-index-codec.ts';
import { loadSegment } from './corpus-loader.ts';
import type { Damage } from './corpus-repair.ts';
import type { LoadedSegment } from './corpus-state.ts';

/** About 10 ms of parsing on a slow machine. */
const SLICE_LINES = 150;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function parseTrustedInSlices(file: Buffer): Promise<StoredPaper[]> {
  const papers: StoredPaper[] = [];
  let start = 0;
  let inSlice = 0;
  while (start < file.length) {
    const end = file.indexOf(10, start);
    const stop = end < 0 ? file.length : end;
    if (stop > start) papers.push(JSON.parse(file.toString('utf8', start, stop)) as StoredPaper);
    start = stop + 1;
    if (++inSlice === SLICE_LINES) {
      inSlice = 0;
      await turn();
    }
  }
  return papers;
}

export async function loadSegmentSliced(dir: string, entry: SegmentEntry): Promise<LoadedSegment | Damage> {
  const paths = segmentPaths(dir, entry.name);
  const file = await readIfExists(paths.papers);
  const intact = file !== null && entry.papersCrc !== undefined && file.length === entry.bytes.papers && checksum(file) === entry.papersCrc;
  if (!intact) return loadSegment(dir, entry, true);
  let papers: StoredPaper[];
  try {
    papers = await parseTrustedInSlices(file);
  } catch {
    return loadSegment(dir, entry, true);
  }
  const indexFile = await readIfExists(paths.index);
  if (papers.length !== entry.papers || indexFile === null || indexFile.length !== entry.bytes.index) return loadSegment(dir, entry, true);
  await turn();
  try {
    const index = decodeSegmentIndex(indexFile, { papers: entry.papers, fields: PAPER_FIELDS, file: `papers/${entry.name}.idx` });
    if (!papers.every((paper, i) => paper.id === index.ids[i])) return loadSegment(dir, entry, true);
    return { name: entry.name, papers, index };
  } catch {
    // Damaged or outdated: the ordinary loader says which.
    return loadSegment(dir, entry, true);
  }
}
