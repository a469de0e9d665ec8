/**
 * The Lunr index of one segment, as stored in `seg-NNNN.lunr.json`.
 *
 * Scores are not taken from Lunr's per-index document vectors: those bake in each index's own
 * document count and average field lengths, so the same paper would rank differently depending on
 * which batch it came with. The corpus re-scores with Lunr's BM25 over global statistics instead
 * (query-eval.ts), which needs the field lengths stored here and no document vectors at all —
 * leaving them out makes the file smaller and the build and the load cheaper.
 * Such an index answers lunr.Index#query with no scores; Papershelf never calls it.
 */
import lunr from 'lunr';
import type { StoredPaper } from '../model/paper.ts';
import { PAPER_FIELDS, paperFieldText, type PaperField } from './fields.ts';
import { builderInternals, indexInternals, newBuilder, type InvertedIndex, type TokenSet } from './lunr-internals.ts';

export const SEGMENT_INDEX_FORMAT = 'papershelf-segment-index';
export const SEGMENT_INDEX_VERSION = 1;

/** A paper's ref in its segment: its line in the .jsonl, in base 36 to keep postings short. */
export function lineRef(line: number): string {
  return line.toString(36);
}

export function refLine(ref: string): number {
  return parseInt(ref, 36);
}

interface SerializedLunrIndex {
  version: string;
  fields: string[];
  fieldVectors: [];
  invertedIndex: Array<[string, unknown]>;
  pipeline: string[];
}

export interface SegmentIndexFile {
  format: typeof SEGMENT_INDEX_FORMAT;
  version: typeof SEGMENT_INDEX_VERSION;
  papers: number;
  /** Per field, per line: the number of indexed terms, as Lunr's BM25 length normalisation counts them. */
  fieldLengths: Record<PaperField, number[]>;
  lunr: SerializedLunrIndex;
}

export interface IndexData {
  invertedIndex: InvertedIndex;
  tokenSet: TokenSet;
  fieldLengths: Record<PaperField, Uint32Array>;
}

export function buildSegmentIndex(papers: readonly StoredPaper[]): SegmentIndexFile {
  const builder = newBuilder(PAPER_FIELDS);
  papers.forEach((paper, line) => {
    builder.add({
      ref: lineRef(line),
      title: paperFieldText(paper, 'title'),
      abstract: paperFieldText(paper, 'abstract'),
      authors: paperFieldText(paper, 'authors'),
    });
  });
  const { invertedIndex, fieldLengths } = builderInternals(builder);
  const lengthsOf = (field: PaperField) => papers.map((_, line) => fieldLengths[`${field}/${lineRef(line)}`] ?? 0);
  return {
    format: SEGMENT_INDEX_FORMAT,
    version: SEGMENT_INDEX_VERSION,
    papers: papers.length,
    fieldLengths: { title: lengthsOf('title'), abstract: lengthsOf('abstract'), authors: lengthsOf('authors') },
    lunr: {
      version: lunr.version,
      fields: [...PAPER_FIELDS],
      fieldVectors: [],
      // Sorted, as lunr.Index#toJSON writes it: lunr.Index.load builds its token set in this order.
      invertedIndex: Object.keys(invertedIndex)
        .sort()
        .map((term) => [term, invertedIndex[term]]),
      pipeline: ['stemmer'],
    },
  };
}

export class SegmentIndexError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lengthsArray(value: unknown, papers: number, field: string): Uint32Array {
  if (!Array.isArray(value) || value.length !== papers || !value.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new SegmentIndexError(`field lengths of "${field}" do not match its ${papers} papers`);
  }
  return Uint32Array.from(value as number[]);
}

/** Validates the file's frame (not every posting: that would cost as much as rebuilding) and loads it. */
export function loadSegmentIndex(file: unknown, papers: number): IndexData {
  if (!isRecord(file) || file.format !== SEGMENT_INDEX_FORMAT) throw new SegmentIndexError('not a Papershelf segment index');
  if (file.version !== SEGMENT_INDEX_VERSION) throw new SegmentIndexError(`unsupported index version ${String(file.version)}`);
  if (file.papers !== papers) throw new SegmentIndexError(`indexes ${String(file.papers)} papers, the segment holds ${papers}`);
  const lengths = isRecord(file.fieldLengths) ? file.fieldLengths : {};
  const fieldLengths = {
    title: lengthsArray(lengths.title, papers, 'title'),
    abstract: lengthsArray(lengths.abstract, papers, 'abstract'),
    authors: lengthsArray(lengths.authors, papers, 'authors'),
  };
  const serialized = file.lunr;
  if (
    !isRecord(serialized) ||
    !Array.isArray(serialized.invertedIndex) ||
    !Array.isArray(serialized.fieldVectors) ||
    !Array.isArray(serialized.pipeline) ||
    JSON.stringify(serialized.fields) !== JSON.stringify(PAPER_FIELDS)
  ) {
    throw new SegmentIndexError('the Lunr index is malformed');
  }
  let index: lunr.Index;
  try {
    index = lunr.Index.load(serialized);
  } catch (error) {
    throw new SegmentIndexError(`Lunr cannot load it (${(error as Error).message})`);
  }
  const { invertedIndex, tokenSet } = indexInternals(index);
  return { invertedIndex, tokenSet, fieldLengths };
}
