/**
 * Builds a segment's index the way lunr.Builder#add indexes documents (same tokens, pipeline, term
 * frequencies and field lengths) but straight into the compact form: no per-posting objects, no
 * occurrence positions, no document vectors (scores are computed at query time from global
 * statistics, which per-segment vectors could not know). Tokens are numbered by a TokenTable, term
 * frequencies counted in a flat array, and postings appended to one log that a counting sort puts
 * in term order at the end.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { ByteWriter } from './byte-writer.ts';
import { PAPER_FIELDS, paperFieldText } from '../analysis/fields.ts';
import { SegmentIndex } from './segment-index.ts';
import { sharedTokenTable, STOP } from '../analysis/token-table.ts';

/** Papers this process has tokenized and indexed: shows (in tests) that opening and merging never re-index. */
export const indexingCounter = { papers: 0 };

/** A growable Int32Array. */
class IntLog {
  values = new Int32Array(1 << 16);
  length = 0;

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = a;
    this.values[this.length++] = b;
    this.values[this.length++] = c;
  }
}

function grown(array: Int32Array, size: number): Int32Array {
  if (size <= array.length) return array;
  const next = new Int32Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Indexes `texts(line)` for every line: the texts of one paper, in `fields` order. */
export function buildIndex(fields: readonly string[], ids: string[], texts: (line: number) => readonly string[]): SegmentIndex {
  const fieldCount = fields.length;
  const table = sharedTokenTable();
  /** The table numbers every term it has seen; this segment numbers its own terms from 0. */
  let local: Int32Array = new Int32Array(table.terms.length + 1024).fill(-1);
  const localTerms: string[] = [];
  /** (term * fieldCount + field, line, frequency) per posting, in line order. */
  const log = new IntLog();
  const lengths = new Uint32Array(fieldCount * ids.length);
  let frequencies: Int32Array = new Int32Array(1024);
  const touched: number[] = [];
  indexingCounter.papers += ids.length;
  for (let line = 0; line < ids.length; line++) {
    const values = texts(line);
    for (let field = 0; field < fieldCount; field++) {
      const terms = table.termsOf((values[field] ?? '').toLowerCase());
      let length = 0;
      for (let i = 0; i < terms.length; i++) {
        const global = terms[i]!;
        if (global === STOP) continue;
        length++;
        if (global >= local.length) {
          const next = new Int32Array(Math.max(global + 1, local.length * 2)).fill(-1);
          next.set(local);
          local = next;
        }
        let term = local[global]!;
        if (term < 0) {
          term = local[global] = localTerms.length;
          localTerms.push(table.terms[global]!);
        }
        frequencies = grown(frequencies, term + 1);
        const count = frequencies[term]!;
        frequencies[term] = count + 1;
        if (count === 0) touched.push(term);
      }
      lengths[field * ids.length + line] = length;
      for (const term of touched) {
        log.push3(term * fieldCount + field, line, frequencies[term]!);
        frequencies[term] = 0;
      }
      touched.length = 0;
    }
  }
  return encodePostings(fields, ids, localTerms, log, lengths);
}

function encodePostings(fields: readonly string[], ids: string[], termList: readonly string[], log: IntLog, lengths: Uint32Array): SegmentIndex {
  const fieldCount = fields.length;
  // Lunr sorts its token set with the default string order; lookups and expansion rely on it.
  const order = termList.map((_, i) => i).sort((a, b) => (termList[a]! < termList[b]! ? -1 : 1));
  const rank = new Int32Array(termList.length);
  order.forEach((term, r) => (rank[term] = r));
  const pairs = termList.length * fieldCount;
  const sortedPair = (pair: number) => rank[Math.floor(pair / fieldCount)]! * fieldCount + (pair % fieldCount);
  const counts = new Uint32Array(pairs);
  for (let i = 0; i < log.length; i += 3) counts[sortedPair(log.values[i]!)]!++;
  const starts = new Int32Array(pairs + 1);
  for (let pair = 0; pair < pairs; pair++) starts[pair + 1] = starts[pair]! + counts[pair]!;
  const cursor = starts.slice(0, pairs);
  const postings = log.length / 3;
  const lines = new Int32Array(postings);
  const tfs = new Int32Array(postings);
  for (let i = 0; i < log.length; i += 3) {
    const at = cursor[sortedPair(log.values[i]!)]!++;
    lines[at] = log.values[i + 1]!;
    tfs[at] = log.values[i + 2]!;
  }
  const offsets = new Uint32Array(pairs + 1);
  const writer = new ByteWriter();
  for (let pair = 0; pair < pairs; pair++) {
    offsets[pair] = writer.length;
    let previous = 0;
    for (let at = starts[pair]!; at < starts[pair + 1]!; at++) {
      writer.varint(lines[at]! - previous);
      writer.varint(tfs[at]!);
      previous = lines[at]!;
    }
  }
  offsets[pairs] = writer.length;
  const terms = order.map((term) => termList[term]!);
  return new SegmentIndex({ fields, ids, terms, counts, offsets, postings: writer.bytes.slice(0, writer.length), lengths });
}

export function buildPaperIndex(papers: readonly StoredPaper[]): SegmentIndex {
  return buildIndex(
    PAPER_FIELDS,
    papers.map((paper) => paper.id),
    (line) => PAPER_FIELDS.map((field) => paperFieldText(papers[line]!, field)),
  );
}
