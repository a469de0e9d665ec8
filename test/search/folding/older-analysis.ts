/**
 * A segment index file as the previous Papershelf wrote it (index version 2): Lunr's own analysis
 * (ASCII-only trimmer, no folding), which that version reproduced exactly, in the same layout.
 */
import lunr from 'lunr';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { ByteWriter } from '../../../src/search/index/byte-writer.ts';
import { PAPER_FIELDS, paperFieldText } from '../../../src/search/analysis/fields.ts';
import { encodeSegmentIndex } from '../../../src/search/index/segment-index-codec.ts';
import { SegmentIndex } from '../../../src/search/index/segment-index.ts';

interface BuilderInternals {
  invertedIndex: Record<string, Record<string, Record<string, unknown>>>;
  fieldTermFrequencies: Record<string, Record<string, number>>;
  fieldLengths: Record<string, number>;
}

export function olderAnalysisIndex(papers: readonly StoredPaper[]): Buffer {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.ref('ref');
  for (const field of PAPER_FIELDS) builder.field(field);
  papers.forEach((paper, line) => builder.add({ ref: String(line), ...Object.fromEntries(PAPER_FIELDS.map((f) => [f, paperFieldText(paper, f)])) }));
  const { invertedIndex, fieldTermFrequencies, fieldLengths } = builder as unknown as BuilderInternals;
  const terms = Object.keys(invertedIndex).sort();
  const counts = new Uint32Array(terms.length * PAPER_FIELDS.length);
  const offsets = new Uint32Array(counts.length + 1);
  const writer = new ByteWriter();
  terms.forEach((term, t) => {
    PAPER_FIELDS.forEach((field, f) => {
      offsets[t * PAPER_FIELDS.length + f] = writer.length;
      const lines = Object.keys(invertedIndex[term]![field] ?? {})
        .map(Number)
        .sort((a, b) => a - b);
      counts[t * PAPER_FIELDS.length + f] = lines.length;
      let previous = 0;
      for (const line of lines) {
        writer.varint(line - previous);
        writer.varint(fieldTermFrequencies[`${field}/${line}`]![term]!);
        previous = line;
      }
    });
  });
  offsets[counts.length] = writer.length;
  const lengths = new Uint32Array(PAPER_FIELDS.length * papers.length);
  PAPER_FIELDS.forEach((field, f) => papers.forEach((_, line) => (lengths[f * papers.length + line] = fieldLengths[`${field}/${line}`]!)));
  const index = new SegmentIndex({ fields: PAPER_FIELDS, ids: papers.map((p) => p.id), terms, counts, offsets, postings: writer.bytes.slice(0, writer.length), lengths });
  return withIndexVersion(encodeSegmentIndex(index), 2);
}

/** The same index file under another version number (one digit for one: the header keeps its length). */
export function withIndexVersion(file: Buffer, version: number): Buffer {
  const length = file.readUInt32LE(8);
  const header = file.toString('utf8', 12, 12 + length).replace(/"version":\d+/, `"version":${version}`);
  return Buffer.concat([file.subarray(0, 12), Buffer.from(header), file.subarray(12 + length)]);
}
