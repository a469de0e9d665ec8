/**
 * The search index of one segment, in the compact form Papershelf keeps in memory and on disk
 * (`seg-NNNN.idx`, see segment-index-codec.ts) instead of a lunr.Index:
 * - the segment's index terms, sorted (Lunr's token set is this sorted list; see term-expansion.ts);
 * - per term and field, the papers having it and its frequency there, delta- and varint-encoded in one
 *   byte array (a lunr.Index holds an object per posting with an array per occurrence: most of its heap);
 * - per field and paper, the number of indexed terms (BM25's length normalisation);
 * - the papers' ids, in file order (a paper's number in its segment is its line in the .jsonl).
 * Occurrence positions are not stored: they are only needed for the page of hits shown, and are
 * recomputed from the text then (matches.ts). Terms, frequencies and lengths are exactly Lunr's, so
 * scores computed from them equal a stock Lunr index's (query-eval.ts).
 */
export class SegmentIndexError extends Error {}

export interface SegmentIndexParts {
  fields: readonly string[];
  ids: string[];
  terms: string[];
  /** Papers per (term, field): `counts[term * fields + field]`. */
  counts: Uint32Array;
  /** Byte offsets of each (term, field) posting list in `postings`; one more entry than `counts`. */
  offsets: Uint32Array;
  /** Per posting: varint(line - previous line), varint(term frequency). */
  postings: Uint8Array;
  /** `lengths[field * papers + line]`. */
  lengths: Uint32Array;
}

export class SegmentIndex {
  readonly fields: readonly string[];
  readonly ids: readonly string[];
  readonly terms: readonly string[];
  private readonly counts: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint8Array;
  private readonly lengths: Uint32Array;

  constructor(parts: SegmentIndexParts) {
    const fieldCount = parts.fields.length;
    const pairs = parts.terms.length * fieldCount;
    if (parts.counts.length !== pairs || parts.offsets.length !== pairs + 1) throw new SegmentIndexError('posting tables do not match the terms');
    if (parts.offsets[pairs] !== parts.postings.length) throw new SegmentIndexError('postings are truncated');
    if (parts.lengths.length !== fieldCount * parts.ids.length) throw new SegmentIndexError('field lengths do not match the papers');
    for (let i = 1; i < parts.terms.length; i++) {
      if (!(parts.terms[i - 1]! < parts.terms[i]!)) throw new SegmentIndexError('terms are not sorted');
    }
    this.fields = parts.fields;
    this.ids = parts.ids;
    this.terms = parts.terms;
    this.counts = parts.counts;
    this.offsets = parts.offsets;
    this.postings = parts.postings;
    this.lengths = parts.lengths;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The parts, for writing the index to disk. */
  parts(): SegmentIndexParts {
    const { fields, ids, terms, counts, offsets, postings, lengths } = this;
    return { fields, ids: [...ids], terms: [...terms], counts, offsets, postings, lengths };
  }

  fieldIndex(field: string): number {
    return this.fields.indexOf(field);
  }

  /** The term's number in `terms`, or -1. */
  termIndex(term: string): number {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const found = terms[mid]!;
      if (found === term) return mid;
      if (found < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Papers of this segment (live or not) with the term in the field. */
  count(term: number, field: number): number {
    return this.counts[term * this.fields.length + field]!;
  }

  fieldLength(field: number, line: number): number {
    return this.lengths[field * this.ids.length + line]!;
  }

  /** Visits the papers with the term in the field, in line order, with the term's frequency there. */
  forEachPosting(term: number, field: number, visit: (line: number, frequency: number) => void): void {
    const pair = term * this.fields.length + field;
    const bytes = this.postings;
    const end = this.offsets[pair + 1]!;
    let at = this.offsets[pair]!;
    let line = 0;
    while (at < end) {
      let value = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[at++]!;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte >= 0x80);
      line += value;
      let frequency = 0;
      shift = 0;
      do {
        byte = bytes[at++]!;
        frequency += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte >= 0x80);
      visit(line, frequency);
    }
  }
}
