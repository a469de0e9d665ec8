/**
 * Merging segment indexes without re-reading any text: the merged index's postings are the inputs'
 * postings for the kept papers, renumbered in order. A term left with no kept paper is dropped, so the
 * result equals building an index from the kept papers (segment-index-build.ts) — a test checks it.
 */
import { ByteWriter } from './byte-writer.ts';
import { SegmentIndex } from './segment-index.ts';

export interface MergeInput {
  index: SegmentIndex;
  /** `keep[line]` is 1 for the papers that go into the merged segment. */
  keep: Uint8Array;
}

/** Sorted union of the inputs' terms (each input's list is sorted). */
function unionOfTerms(lists: ReadonlyArray<readonly string[]>): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const term of list) all.add(term);
  return [...all].sort();
}

export function mergeIndexes(inputs: readonly MergeInput[]): SegmentIndex {
  const fields = inputs[0]?.index.fields ?? [];
  const fieldCount = fields.length;
  /** Per input, each kept line's number in the merged segment (-1 when dropped). */
  const renumbered = inputs.map(({ index }) => new Int32Array(index.size));
  const ids: string[] = [];
  inputs.forEach(({ index, keep }, i) => {
    for (let line = 0; line < index.size; line++) {
      renumbered[i]![line] = keep[line] === 1 ? ids.length : -1;
      if (keep[line] === 1) ids.push(index.ids[line]!);
    }
  });
  const lengths = new Uint32Array(fieldCount * ids.length);
  inputs.forEach(({ index }, i) => {
    for (let line = 0; line < index.size; line++) {
      const to = renumbered[i]![line]!;
      if (to < 0) continue;
      for (let field = 0; field < fieldCount; field++) lengths[field * ids.length + to] = index.fieldLength(field, line);
    }
  });
  const candidates = unionOfTerms(inputs.map(({ index }) => index.terms));
  /** Both lists are sorted: each input's next unvisited term. */
  const cursors = inputs.map(() => 0);
  const terms: string[] = [];
  const counts: number[] = [];
  const offsets: number[] = [];
  const writer = new ByteWriter();
  for (const term of candidates) {
    const start = { counts: counts.length, bytes: writer.length };
    const present = inputs.map(({ index }, i) => (index.terms[cursors[i]!] === term ? cursors[i]!++ : -1));
    let kept = 0;
    for (let field = 0; field < fieldCount; field++) {
      offsets.push(writer.length);
      let count = 0;
      let previous = 0;
      inputs.forEach(({ index }, i) => {
        const t = present[i]!;
        if (t < 0) return;
        const lines = renumbered[i]!;
        index.forEachPosting(t, field, (line, frequency) => {
          const to = lines[line]!;
          if (to < 0) return;
          writer.varint(to - previous);
          writer.varint(frequency);
          previous = to;
          count++;
        });
      });
      counts.push(count);
      kept += count;
    }
    if (kept === 0) {
      // Every paper with this term was dropped: so is the term.
      counts.length = start.counts;
      offsets.length = start.counts;
      writer.length = start.bytes;
      continue;
    }
    terms.push(term);
  }
  offsets.push(writer.length);
  return new SegmentIndex({
    fields,
    ids,
    terms,
    counts: Uint32Array.from(counts),
    offsets: Uint32Array.from(offsets),
    postings: writer.bytes.slice(0, writer.length),
    lengths,
  });
}
