/**
 * A segment index holds exactly what lunr.Builder records when configured with Papershelf's
 * analysis (terms, per-field frequencies and field lengths), survives the trip through its file format, refuses damaged files, and merging indexes
 * gives what building from the kept papers gives.
 */
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { PAPER_FIELDS, paperFieldText } from '../../../src/search/analysis/fields.ts';
import { buildPaperIndex } from '../../../src/search/index/segment-index-build.ts';
import { NewerFormatError } from '../../../src/model/errors.ts';
import { decodeSegmentIndex, encodeSegmentIndex, OutdatedIndexError, TermEncodingError } from '../../../src/search/index/segment-index-codec.ts';
import { mergeIndexes } from '../../../src/search/index/segment-index-merge.ts';
import { SegmentIndexError, type SegmentIndex } from '../../../src/search/index/segment-index.ts';
import { ANALYSIS, isSeparator } from '../../../src/search/analysis/text-terms.ts';
import { buildVocabulary, syntheticPapers } from '../../bench/synthetic-library.ts';
import { fixturePapers, makePaper } from '../corpus-fixtures.ts';
import { withIndexVersion } from '../folding/older-analysis.ts';

interface BuilderInternals {
  invertedIndex: Record<string, Record<string, Record<string, unknown>>>;
  fieldTermFrequencies: Record<string, Record<string, number>>;
  fieldLengths: Record<string, number>;
}

/** term -> field -> line -> frequency, from our index. */
function postingsOf(index: SegmentIndex): Map<string, Map<string, Map<number, number>>> {
  const all = new Map<string, Map<string, Map<number, number>>>();
  index.terms.forEach((term, t) => {
    const byField = new Map<string, Map<number, number>>();
    index.fields.forEach((field, f) => {
      const lines = new Map<number, number>();
      index.forEachPosting(t, f, (line, frequency) => lines.set(line, frequency));
      if (lines.size > 0) byField.set(field, lines);
      expect(index.count(t, f)).toBe(lines.size);
    });
    all.set(term, byField);
  });
  return all;
}

const tricky = [
  makePaper({ id: 'a', title: 'Self-Attention — is “all” you need?', abstract: 'İstanbul ΣΑΣ (LLMs), x--y; the and of. 3.14 e.g. U.S.A.', authors: ['Zoë Ü', "O'Brien, Jr."] }),
  makePaper({ id: 'b', title: '', abstract: '   \u2028\u00a0 — "" ', authors: [] }),
  makePaper({ id: 'c', title: 'constructor __proto__ toString', abstract: 'hasOwnProperty valueOf', authors: ['Proto Type'] }),
  makePaper({
    id: 'd',
    title: '(Łódź) Straße — ﬁne-tuning 日本語の モデル हिंदी «Ærø»',
    abstract: 'Dvořák, Nguyễn and Đorđević; ΣΑΣ σας İSTANBUL ıstanbul 🚀x e\u0301te _under_ 𝔘nicode',
    authors: ['Łukasz Wróbel', 'Zoë Müller', 'Niccolò Biondi'],
  }),
];

describe('building a segment index', () => {
  it('splits text where lunr.tokenizer does, for every UTF-16 code unit', () => {
    const separator = new RegExp(lunr.tokenizer.separator.source);
    for (let code = 0; code < 0x10000; code++) expect(isSeparator(code), code.toString(16)).toBe(separator.test(String.fromCharCode(code)));
  });

  it('records what lunr.Builder records, on real and awkward text', () => {
    const papers = [...fixturePapers(), ...tricky];
    const builder = new lunr.Builder();
    builder.pipeline.add(...ANALYSIS);
    builder.ref('ref');
    for (const field of PAPER_FIELDS) builder.field(field);
    papers.forEach((paper, line) => builder.add({ ref: String(line), ...Object.fromEntries(PAPER_FIELDS.map((f) => [f, paperFieldText(paper, f)])) }));
    const lunrInternals = builder as unknown as BuilderInternals;

    const index = buildPaperIndex(papers);
    expect(index.ids).toEqual(papers.map((p) => p.id));
    expect(index.terms).toEqual(Object.keys(lunrInternals.invertedIndex).sort());
    const ours = postingsOf(index);
    for (const [term, fields] of Object.entries(lunrInternals.invertedIndex)) {
      for (const field of PAPER_FIELDS) {
        const expected = new Map(Object.keys(fields[field] ?? {}).map((ref) => [Number(ref), lunrInternals.fieldTermFrequencies[`${field}/${ref}`]![term]!]));
        expect(ours.get(term)?.get(field) ?? new Map(), `${term} in ${field}`).toEqual(expected);
      }
    }
    papers.forEach((_, line) => {
      PAPER_FIELDS.forEach((field, f) => expect(index.fieldLength(f, line)).toBe(lunrInternals.fieldLengths[`${field}/${line}`]));
    });
  });

  it('reads back what it writes, and refuses a damaged or foreign file', () => {
    const index = buildPaperIndex([...fixturePapers(), ...tricky]);
    const bytes = encodeSegmentIndex(index);
    const expected = { papers: index.size, fields: PAPER_FIELDS };
    const read = decodeSegmentIndex(bytes, expected);
    expect(read.parts()).toEqual(index.parts());

    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 9]! ^= 0x40;
    expect(() => decodeSegmentIndex(flipped, expected)).toThrow(/checksum/);
    expect(() => decodeSegmentIndex(bytes.subarray(0, bytes.length - 4), expected)).toThrow(SegmentIndexError);
    expect(() => decodeSegmentIndex(Buffer.from('{"format":"papershelf-segment-index"}'), expected)).toThrow(/not a Papershelf segment index/);
    expect(() => decodeSegmentIndex(bytes, { ...expected, papers: index.size + 1 })).toThrow(/indexes \d+ papers/);
    expect(() => decodeSegmentIndex(Buffer.alloc(0), expected)).toThrow(SegmentIndexError);
  });
});

describe('the index file round trip', () => {
  it('refuses at write time a term UTF-8 cannot carry, instead of writing two terms as one', () => {
    // Both become "x\ufffdy" in UTF-8: written, they would make an unsorted, unreadable index.
    const index = buildPaperIndex([makePaper({ id: 'a', title: 'x\ud800y' }), makePaper({ id: 'b', title: 'x\udc00y' })]);
    expect(() => encodeSegmentIndex(index)).toThrow(TermEncodingError);
    expect(() => encodeSegmentIndex(index)).toThrow(/cannot store the term "x\\ud800i".*lone UTF-16 surrogate.*nothing was written/);
  });

  it('reads back exactly what it writes, surrogate pairs and ids with lone surrogates included', () => {
    const index = buildPaperIndex([makePaper({ id: 'odd\ud800id', title: 'emoji 😀x and 𝔘nicode' }), makePaper({ id: 'b', title: 'plain' })]);
    const read = decodeSegmentIndex(encodeSegmentIndex(index), { papers: 2, fields: PAPER_FIELDS });
    expect(read.parts()).toEqual(index.parts());
  });

  it('treats a changed byte in the header padding as damage', () => {
    const candidates = [fixturePapers(), [...fixturePapers(), ...tricky], tricky, fixturePapers().slice(0, 7), fixturePapers().slice(3, 11)];
    const bytes = candidates.map((papers) => encodeSegmentIndex(buildPaperIndex(papers))).find((file) => file.readUInt32LE(8) % 4 !== 0);
    expect(bytes, 'an index whose header needs padding').toBeDefined();
    const file = Buffer.from(bytes!);
    const papers = (JSON.parse(file.toString('utf8', 12, 12 + file.readUInt32LE(8))) as { papers: number }).papers;
    file[12 + file.readUInt32LE(8)]! ^= 0x01;
    expect(() => decodeSegmentIndex(file, { papers, fields: PAPER_FIELDS })).toThrow(/header is damaged/);
  });

  it('refuses an index of a newer format as newer, not as damage', () => {
    const index = buildPaperIndex(fixturePapers());
    const newer = withIndexVersion(encodeSegmentIndex(index), 9);
    expect(() => decodeSegmentIndex(newer, { papers: index.size, fields: PAPER_FIELDS, file: 'papers/seg-0001.idx' })).toThrow(NewerFormatError);
    expect(() => decodeSegmentIndex(newer, { papers: index.size, fields: PAPER_FIELDS, file: 'papers/seg-0001.idx' })).toThrow(
      'this library was written by a newer Papershelf (format 9 in papers/seg-0001.idx); update Papershelf',
    );
  });
});

describe('an index of an older analysis', () => {
  it('is refused as outdated, not damaged, unless the reader makes do with it', () => {
    const index = buildPaperIndex(tricky);
    const old = withIndexVersion(encodeSegmentIndex(index), 2);
    const expected = { papers: index.size, fields: PAPER_FIELDS };
    expect(() => decodeSegmentIndex(old, expected)).toThrow(OutdatedIndexError);
    expect(decodeSegmentIndex(old, { ...expected, allowOutdated: true }).parts()).toEqual(index.parts());
    expect(() => decodeSegmentIndex(withIndexVersion(encodeSegmentIndex(index), 1), { ...expected, allowOutdated: true })).toThrow(/unsupported index version 1/);
  });
});

describe('merging segment indexes', () => {
  it('equals building an index from the kept papers', () => {
    const vocabulary = buildVocabulary(2);
    const batches = [syntheticPapers(vocabulary, 0, 120, 2), [...fixturePapers(), ...tricky], syntheticPapers(vocabulary, 500, 80, 2)];
    const keeps = batches.map((papers, b) => Uint8Array.from(papers, (_, line) => ((line * 7 + b) % 5 === 0 ? 0 : 1)));
    // A batch with nothing kept contributes nothing, not even its terms.
    keeps.push(new Uint8Array(tricky.length));
    batches.push(tricky.map((paper) => ({ ...paper, id: `${paper.id}-gone`, title: 'zeppelinonly' })));
    const merged = mergeIndexes(batches.map((papers, i) => ({ index: buildPaperIndex(papers), keep: keeps[i]! })));
    const kept = batches.flatMap((papers, i) => papers.filter((_, line) => keeps[i]![line] === 1));
    expect(merged.parts()).toEqual(buildPaperIndex(kept).parts());
    expect(merged.terms).not.toContain('zeppelinonli');
  });
});
