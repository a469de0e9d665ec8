/**
 * The full-text index as the query evaluator sees it (a DocSpace of its own): its segments, each a
 * SearchSource over its live papers, numbered one after another. A paper is live in the last
 * segment that holds it, unless that segment lists it as removed.
 */
import type { SegmentIndex } from '../index/segment-index.ts';
import type { DocSpace, PostingVisitor, SearchSource } from '../query/search-source.ts';
import { FULLTEXT_FIELD } from './fulltext-manifest.ts';

class FulltextSegmentSource implements SearchSource {
  readonly fields = [FULLTEXT_FIELD];
  readonly live: Uint8Array;
  liveTotal = 0;
  lengthTotal = 0;

  constructor(
    readonly index: SegmentIndex,
    readonly base: number,
  ) {
    this.live = new Uint8Array(index.size);
  }

  get terms(): readonly string[] {
    return this.index.terms;
  }

  setLive(line: number): void {
    this.live[line] = 1;
    this.liveTotal++;
    this.lengthTotal += this.index.fieldLength(0, line);
  }

  hasTerm(term: string): boolean {
    return this.index.termIndex(term) >= 0;
  }

  forEachLive(term: string, field: typeof FULLTEXT_FIELD, visit: PostingVisitor): void {
    const t = this.index.termIndex(term);
    if (t < 0 || field !== FULLTEXT_FIELD) return;
    const { live, base, index } = this;
    index.forEachPosting(t, 0, (line, frequency) => {
      if (live[line] === 1) visit(base + line, frequency, index.fieldLength(0, line));
    });
  }

  liveCount(term: string, field: typeof FULLTEXT_FIELD): number {
    const t = this.index.termIndex(term);
    if (t < 0 || field !== FULLTEXT_FIELD) return 0;
    if (this.liveTotal === this.index.size) return this.index.count(t, 0);
    let count = 0;
    this.index.forEachPosting(t, 0, (line) => (count += this.live[line]!));
    return count;
  }
}

export interface FulltextSpace extends DocSpace {
  /** Papers whose PDF is searchable. */
  readonly size: number;
  docOf(id: string): number | undefined;
}

export function fulltextSpace(segments: ReadonlyArray<{ index: SegmentIndex; removed: readonly string[] }>): FulltextSpace {
  const sources: FulltextSegmentSource[] = [];
  let base = 0;
  for (const { index } of segments) {
    sources.push(new FulltextSegmentSource(index, base));
    base += index.size;
  }
  const ids: string[] = new Array<string>(base);
  const docs = new Map<string, number>();
  segments.forEach(({ index }, s) => index.ids.forEach((id, line) => docs.set(id, sources[s]!.base + line)));
  segments.forEach(({ removed }, s) => {
    for (const id of removed) if (docs.get(id) !== undefined && sourceOf(docs.get(id)!) === s) docs.delete(id);
  });
  function sourceOf(doc: number): number {
    let s = sources.length - 1;
    while (s > 0 && sources[s]!.base > doc) s--;
    return s;
  }
  let lengths = 0;
  for (const [id, doc] of docs) {
    const source = sources[sourceOf(doc)]!;
    source.setLive(doc - source.base);
    ids[doc] = id;
  }
  for (const source of sources) lengths += source.lengthTotal;
  const documentCount = docs.size;
  return {
    sources,
    size: documentCount,
    docLimit: base,
    idOf: (doc) => ids[doc] ?? '',
    docOf: (id) => docs.get(id),
    stats: { documentCount, averageFieldLength: (field) => (field === FULLTEXT_FIELD && documentCount > 0 ? lengths / documentCount : 0) },
  };
}
