/** One loaded segment as a search source: its index, which of its papers are live, and its doc base. */
import { PAPER_FIELDS, type SearchField } from '../analysis/fields.ts';
import type { LoadedSegment } from './corpus-state.ts';
import type { PostingVisitor, SearchSource } from '../query/search-source.ts';
import type { SegmentIndex } from '../index/segment-index.ts';

export class SegmentSource implements SearchSource {
  readonly fields = PAPER_FIELDS;
  readonly index: SegmentIndex;
  private readonly live: Uint8Array;
  /** Live papers in this segment. */
  liveTotal = 0;
  /** The doc number of line 0 in the corpus's current doc space. */
  base = 0;

  constructor(readonly segment: LoadedSegment) {
    this.index = segment.index;
    this.live = new Uint8Array(segment.index.size);
  }

  get terms(): readonly string[] {
    return this.index.terms;
  }

  isLive(line: number): boolean {
    return this.live[line] === 1;
  }

  setLive(line: number, live: boolean): void {
    if (this.isLive(line) === live) return;
    this.live[line] = live ? 1 : 0;
    this.liveTotal += live ? 1 : -1;
  }

  hasTerm(term: string): boolean {
    return this.index.termIndex(term) >= 0;
  }

  forEachLive(term: string, field: SearchField, visit: PostingVisitor): void {
    const t = this.index.termIndex(term);
    const f = this.index.fieldIndex(field);
    if (t < 0 || f < 0) return;
    const { live, base, index } = this;
    index.forEachPosting(t, f, (line, frequency) => {
      if (live[line] === 1) visit(base + line, frequency, index.fieldLength(f, line));
    });
  }

  liveCount(term: string, field: SearchField): number {
    const t = this.index.termIndex(term);
    const f = this.index.fieldIndex(field);
    if (t < 0 || f < 0) return 0;
    if (this.liveTotal === this.index.size) return this.index.count(t, f);
    let count = 0;
    this.index.forEachPosting(t, f, (line) => {
      if (this.live[line] === 1) count++;
    });
    return count;
  }
}
