/**
 * The corpus as one manifest describes it: every loaded segment, which of its papers are live, and
 * the totals scoring needs. A new manifest is applied as a difference — dropped segments, papers
 * newly masked, new segments — so a commit costs in proportion to its batch, not to the library.
 * The rule is the same as building from scratch: a paper's live copy is the one in the newest
 * segment that does not mask it.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { SegmentEntry } from '../../store/segment-manifest.ts';
import { PAPER_FIELDS, type PaperField } from '../analysis/fields.ts';
import type { DocSpace } from '../query/search-source.ts';
import type { SegmentIndex } from '../index/segment-index.ts';
import type { PaperLines } from './paper-lines.ts';
import type { FieldTokens } from '../query/phrase-tokens.ts';
import { SegmentSource } from './segment-source.ts';

/** A segment's immutable content, shared by every state that lists it. */
export interface LoadedSegment {
  name: string;
  /** Null where only searching is needed (the search worker keeps the index alone). */
  papers: StoredPaper[] | null;
  index: SegmentIndex;
  /** Without papers: where each paper's line is, to read one when needed (paper-lines.ts). */
  lines?: PaperLines | undefined;
  /** Set once built (segment-phrase-tokens.ts): the one part of a loaded segment that changes. */
  phraseTokens?: Record<PaperField, FieldTokens> | undefined;
}

export interface StateEntry {
  entry: SegmentEntry;
  segment: LoadedSegment;
  /** When each line was committed (a synced folder's union); the newer copy of a paper is live. */
  time?: ((line: number) => number) | undefined;
}

/** Live papers are recorded as slot * LINE_SPAN + line; a slot names one segment for the state's lifetime. */
const LINE_SPAN = 2 ** 26;

export class CorpusState {
  /** The loaded segments, in manifest order (oldest first). */
  sources: SegmentSource[] = [];
  private readonly slots = new Map<string, number>();
  private readonly bySlot: Array<SegmentSource | undefined> = [];
  private entries = new Map<string, SegmentEntry>();
  private position = new Map<string, number>();
  private times = new Map<string, ((line: number) => number) | undefined>();
  private readonly where = new Map<string, number>();
  private readonly lengthTotals: Record<PaperField, number> = { title: 0, abstract: 0, authors: 0 };
  private bases: number[] = [];
  docLimit = 0;

  constructor(entries: readonly StateEntry[] = []) {
    this.apply(entries);
  }

  get size(): number {
    return this.where.size;
  }

  private locate(id: string): { source: SegmentSource; line: number } | undefined {
    const packed = this.where.get(id);
    if (packed === undefined) return undefined;
    return { source: this.bySlot[Math.floor(packed / LINE_SPAN)]!, line: packed % LINE_SPAN };
  }

  private setLive(source: SegmentSource, line: number, live: boolean): void {
    const id = source.index.ids[line]!;
    source.setLive(line, live);
    const sign = live ? 1 : -1;
    PAPER_FIELDS.forEach((field, f) => (this.lengthTotals[field] += sign * source.index.fieldLength(f, line)));
    if (live) this.where.set(id, this.slots.get(source.segment.name)! * LINE_SPAN + line);
    else this.where.delete(id);
  }

  /**
   * Moves to the state `entries` describe (manifest order). Segments are matched by name; a kept
   * segment's masked list only ever grows (commits append to it), anything else is rebuilt.
   * `rebuild`: start from scratch (a union that dropped a segment may have to bring back copies it hid).
   */
  apply(entries: readonly StateEntry[], rebuild = false): void {
    const next = new Map(entries.map((e) => [e.entry.name, e]));
    const appendOnly = entries.every(({ entry }) => {
      const old = this.entries.get(entry.name);
      return !old || (entry.masked.length >= old.masked.length && old.masked.every((id, i) => entry.masked[i] === id));
    });
    if (!appendOnly || rebuild) this.reset();
    for (const source of this.sources) {
      if (next.has(source.segment.name)) continue;
      for (let line = 0; line < source.index.size; line++) if (source.isLive(line)) this.setLive(source, line, false);
      this.bySlot[this.slots.get(source.segment.name)!] = undefined;
      this.slots.delete(source.segment.name);
    }
    for (const { entry } of entries) {
      const old = this.entries.get(entry.name);
      if (!old || !this.slots.has(entry.name)) continue;
      for (const id of entry.masked.slice(old.masked.length)) {
        const found = this.locate(id);
        if (found && found.source.segment.name === entry.name) this.setLive(found.source, found.line, false);
      }
    }
    this.position = new Map(entries.map(({ entry }, i) => [entry.name, i]));
    this.times = new Map(entries.map(({ entry, time }) => [entry.name, time]));
    // Newest first, so that if two segments claim a paper, the newer copy is the live one.
    for (let i = entries.length - 1; i >= 0; i--) {
      const { entry, segment } = entries[i]!;
      if (this.slots.has(entry.name)) continue;
      const source = new SegmentSource(segment);
      this.slots.set(entry.name, this.bySlot.length);
      this.bySlot.push(source);
      const masked = new Set(entry.masked);
      segment.index.ids.forEach((id, line) => {
        if (masked.has(id)) return;
        const other = this.locate(id);
        if (other) {
          if (this.outranks(other.source.segment.name, other.line, entry.name, line)) return;
          this.setLive(other.source, other.line, false);
        }
        this.setLive(source, line, true);
      });
    }
    this.entries = new Map(entries.map(({ entry }) => [entry.name, entry]));
    this.sources = entries.map(({ entry }) => this.bySlot[this.slots.get(entry.name)!]!);
    this.bases = [];
    let base = 0;
    for (const source of this.sources) {
      this.bases.push(base);
      source.base = base;
      base += source.index.size;
    }
    this.docLimit = base;
  }

  /** Whether the copy at (a, lineA) beats the one at (b, lineB): newer commit time, then later place. */
  private outranks(a: string, lineA: number, b: string, lineB: number): boolean {
    const timeA = this.times.get(a)?.(lineA) ?? 0;
    const timeB = this.times.get(b)?.(lineB) ?? 0;
    if (timeA !== timeB) return timeA > timeB;
    return this.position.get(a)! > this.position.get(b)!;
  }

  private reset(): void {
    this.sources = [];
    this.slots.clear();
    this.bySlot.length = 0;
    this.entries = new Map();
    this.where.clear();
    for (const field of PAPER_FIELDS) this.lengthTotals[field] = 0;
  }

  get(id: string): StoredPaper | undefined {
    const found = this.locate(id);
    return found ? (found.source.segment.papers?.[found.line] ?? undefined) : undefined;
  }

  has(id: string): boolean {
    return this.where.has(id);
  }

  /** Where the live copy of `id` is: its segment and its line there. */
  place(id: string): { segment: LoadedSegment; line: number } | undefined {
    const found = this.locate(id);
    return found ? { segment: found.source.segment, line: found.line } : undefined;
  }

  /** A live paper's doc number, or -1. */
  docOf(id: string): number {
    const found = this.locate(id);
    return found ? found.source.base + found.line : -1;
  }

  /** The id of any doc below docLimit (live or not). */
  idOf(doc: number): string {
    const { segment, line } = this.placeOfDoc(doc);
    return segment.index.ids[line]!;
  }

  /** The segment and line of any doc below docLimit. */
  placeOfDoc(doc: number): { segment: LoadedSegment; line: number } {
    let lo = 0;
    let hi = this.bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.bases[mid]! <= doc) lo = mid;
      else hi = mid - 1;
    }
    const source = this.sources[lo]!;
    return { segment: source.segment, line: doc - source.base };
  }

  sourceNamed(name: string): SegmentSource | undefined {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : this.bySlot[slot];
  }

  segmentOf(id: string): string | undefined {
    return this.locate(id)?.source.segment.name;
  }

  /** Live papers, oldest segment first, in file order within a segment. */
  all(): StoredPaper[] {
    const papers: StoredPaper[] = [];
    for (const source of this.sources) {
      const list = source.segment.papers;
      if (list) for (let line = 0; line < list.length; line++) if (source.isLive(line)) papers.push(list[line]!);
    }
    return papers;
  }

  liveCount(name: string): number {
    const slot = this.slots.get(name);
    return slot === undefined ? 0 : (this.bySlot[slot]?.liveTotal ?? 0);
  }

  lengthTotal(field: PaperField): number {
    return this.lengthTotals[field];
  }

  /** The paper segments as a doc space (the annotation source is added by the caller). */
  docSpace(): Pick<DocSpace, 'docLimit' | 'idOf'> {
    return { docLimit: this.docLimit, idOf: (doc) => this.idOf(doc) };
  }
}
