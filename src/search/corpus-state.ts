/**
 * The corpus as one manifest describes it: every loaded segment, which of its papers are live, and
 * the totals scoring needs. Rebuilt from scratch for each manifest so there is one way to get it right.
 */
import type { StoredPaper } from '../model/paper.ts';
import type { SegmentEntry } from '../store/segment-manifest.ts';
import { isPaperField, paperFieldText, PAPER_FIELDS, type PaperField, type SearchField } from './fields.ts';
import { lineRef, refLine, type IndexData } from './segment-index.ts';
import type { SearchSource } from './search-source.ts';

/** A segment's immutable content, shared by every state that lists it. */
export interface LoadedSegment {
  name: string;
  papers: StoredPaper[];
  index: IndexData;
}

export class SegmentSource implements SearchSource {
  readonly fields = PAPER_FIELDS;
  readonly live: Uint8Array;
  private readonly lines = new Map<string, number>();

  constructor(readonly segment: LoadedSegment) {
    this.live = new Uint8Array(segment.papers.length);
  }

  get invertedIndex() {
    return this.segment.index.invertedIndex;
  }

  get tokenSet() {
    return this.segment.index.tokenSet;
  }

  setLive(line: number, id: string): void {
    this.live[line] = 1;
    this.lines.set(id, line);
  }

  idOf(ref: string): string | undefined {
    const line = refLine(ref);
    return this.live[line] === 1 ? this.segment.papers[line]?.id : undefined;
  }

  refOf(id: string): string | undefined {
    const line = this.lines.get(id);
    return line === undefined ? undefined : lineRef(line);
  }

  fieldLength(field: SearchField, ref: string): number {
    return isPaperField(field) ? (this.segment.index.fieldLengths[field][refLine(ref)] ?? 0) : 0;
  }

  fieldText(field: SearchField, ref: string): string {
    const paper = this.segment.papers[refLine(ref)];
    return paper && isPaperField(field) ? paperFieldText(paper, field) : '';
  }
}

export class CorpusState {
  readonly sources: SegmentSource[] = [];
  /** Live papers: id -> the segment source holding the live copy and its line. */
  private readonly where = new Map<string, { source: SegmentSource; line: number }>();
  private readonly lengthTotals: Record<PaperField, number> = { title: 0, abstract: 0, authors: 0 };
  private readonly liveCounts = new Map<string, number>();

  constructor(entries: ReadonlyArray<{ entry: SegmentEntry; segment: LoadedSegment }>) {
    // Newest first, so that if two segments both claim a paper, the newer copy is the live one.
    for (let i = entries.length - 1; i >= 0; i--) {
      const { entry, segment } = entries[i]!;
      const source = new SegmentSource(segment);
      const masked = new Set(entry.masked);
      segment.papers.forEach((paper, line) => {
        // Two live copies only come from a rebuilt or hand-edited manifest: the newest wins.
        if (masked.has(paper.id) || this.where.has(paper.id)) return;
        source.setLive(line, paper.id);
        this.where.set(paper.id, { source, line });
        for (const field of PAPER_FIELDS) this.lengthTotals[field] += segment.index.fieldLengths[field][line] ?? 0;
        this.liveCounts.set(segment.name, (this.liveCounts.get(segment.name) ?? 0) + 1);
      });
      this.sources.unshift(source);
    }
  }

  get size(): number {
    return this.where.size;
  }

  get(id: string): StoredPaper | undefined {
    const found = this.where.get(id);
    return found?.source.segment.papers[found.line];
  }

  has(id: string): boolean {
    return this.where.has(id);
  }

  sourceOf(id: string): SegmentSource | undefined {
    return this.where.get(id)?.source;
  }

  segmentOf(id: string): string | undefined {
    return this.where.get(id)?.source.segment.name;
  }

  /** Live papers, oldest segment first, in file order within a segment. */
  all(): StoredPaper[] {
    const papers: StoredPaper[] = [];
    for (const source of this.sources) {
      source.segment.papers.forEach((paper, line) => {
        if (source.live[line] === 1) papers.push(paper);
      });
    }
    return papers;
  }

  liveCount(name: string): number {
    return this.liveCounts.get(name) ?? 0;
  }

  lengthTotal(field: PaperField): number {
    return this.lengthTotals[field];
  }
}
