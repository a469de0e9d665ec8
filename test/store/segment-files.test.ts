import { describe, expect, it } from 'vitest';
import { parsePapers, segmentName, segmentNumber, serializePapers } from '../../src/store/segment-files.ts';
import { emptyManifest, parseManifest } from '../../src/store/segment-manifest.ts';
import { makePaper } from '../search/paper-factory.ts';

describe('segment paper files', () => {
  it('keeps one paper per line whatever its text contains, and reads it back exactly', () => {
    const tricky = makePaper({
      id: 'hep-th/9901001',
      title: 'Line\nbreaks, \u2028separators\u2029 and "quotes" \\ in Gödel’s 𝔼[x]',
      abstract: '{"not": "json"}\r\nstill the abstract',
      authors: ['Zoë Ü', 'O\'Brien, Jr.'],
      keywords: ['a\nb'],
    });
    const papers = [tricky, makePaper({ id: '2508.07662', title: 'Plain' })];
    const text = serializePapers(papers);
    expect(text.split('\n')).toHaveLength(3);
    expect(parsePapers(text)).toEqual({ papers, badLines: [] });
  });

  it('reports the lines that are not complete papers', () => {
    const good = serializePapers([makePaper({ id: 'a', title: 'A' })]).trimEnd();
    const missingField = JSON.stringify({ ...makePaper({ id: 'b', title: 'B' }), modifiedAt: undefined });
    const text = [good, '{"id":"x"', '', missingField, '[1,2]', good].join('\n');
    const parsed = parsePapers(text);
    expect(parsed.badLines).toEqual([2, 3, 4, 5]);
    expect(parsed.papers.map((p) => p.id)).toEqual(['a', 'a']);
  });

  it('names segments so that they sort by number past 9999', () => {
    expect(segmentName(7)).toBe('seg-0007');
    expect(segmentName(12345)).toBe('seg-12345');
    expect(segmentNumber('seg-12345')).toBe(12345);
  });
});

describe('the manifest', () => {
  it('reads what is written and rejects what it did not write', () => {
    const manifest = { ...emptyManifest(), nextSegment: 3, segments: [{ name: 'seg-0002', papers: 4, bytes: { papers: 10, index: 20 }, masked: ['x'] }] };
    expect(parseManifest(JSON.stringify(manifest))).toEqual({ kind: 'ok', manifest, raw: JSON.stringify(manifest) });
    expect(parseManifest('{').kind).toBe('corrupt');
    expect(parseManifest(JSON.stringify({ ...manifest, schemaVersion: 3 })).kind).toBe('corrupt');
    const twice = { ...manifest, segments: [manifest.segments[0], manifest.segments[0]] };
    expect(parseManifest(JSON.stringify(twice))).toMatchObject({ kind: 'corrupt', detail: expect.stringMatching(/listed twice/) });
    const escaping = { ...manifest, segments: [{ ...manifest.segments[0], name: '../seg-0001' }] };
    expect(parseManifest(JSON.stringify(escaping)).kind).toBe('corrupt');
  });
});
