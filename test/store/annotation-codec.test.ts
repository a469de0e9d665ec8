import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/model/paper.ts';
import { AnnotationCodec } from '../../src/store/annotation-codec.ts';

const T = '2025-01-01T00:00:00.000Z';
const papers = new Map<string, Annotation>([
  ['2508.07662', { starred: true, tags: ['RL', 'has "quotes", commas,\nand a newline'], status: 'reading', updatedAt: T }],
  ['hep-th/9901001', { starred: false, tags: ['strings'], status: null, updatedAt: T }],
  ['t:ünïcödé, "title"', { starred: true, tags: [], status: 'read', updatedAt: T }],
]);

function text(codec: AnnotationCodec, map: ReadonlyMap<string, Annotation>): string {
  return codec.encode(map).toString('utf8');
}

describe('AnnotationCodec', () => {
  it('writes plain JSON, one paper per line', () => {
    const written = text(new AnnotationCodec(), papers);
    expect(JSON.parse(written)).toEqual({ schemaVersion: 1, papers: Object.fromEntries(papers) });
    expect(written.split('\n').filter((line) => line.startsWith('\t\t"'))).toHaveLength(papers.size);
    expect(JSON.parse(text(new AnnotationCodec(), new Map()))).toEqual({ schemaVersion: 1, papers: {} });
  });

  it('reads back what it wrote, with or without its cache (another process)', () => {
    const written = text(new AnnotationCodec(), papers);
    expect(new AnnotationCodec().decode(written)).toEqual(papers);
    const codec = new AnnotationCodec();
    text(codec, papers);
    expect(codec.decode(written)).toEqual(papers);
    expect(new AnnotationCodec().decode(text(new AnnotationCodec(), new Map()))).toEqual(new Map());
  });

  it('sees a change another writer made to one line', () => {
    const mine = new AnnotationCodec();
    text(mine, papers);
    const changed = new Map(papers).set('hep-th/9901001', { starred: true, tags: ['strings'], status: null, updatedAt: T });
    changed.delete('2508.07662');
    expect(mine.decode(text(new AnnotationCodec(), changed))).toEqual(changed);
  });

  it('re-encodes after a change, not from a stale line', () => {
    const codec = new AnnotationCodec();
    text(codec, papers);
    const changed = new Map(papers).set('2508.07662', { starred: false, tags: ['RL'], status: 'reading', updatedAt: T });
    expect(JSON.parse(text(codec, changed)).papers['2508.07662']).toEqual({ starred: false, tags: ['RL'], status: 'reading', updatedAt: T });
  });

  it('declines every other layout, leaving it to the full decoder', () => {
    const codec = new AnnotationCodec();
    const written = text(codec, papers);
    const doc = { schemaVersion: 1, papers: Object.fromEntries(papers) };
    const refused = [
      JSON.stringify(doc, null, '\t'),
      JSON.stringify(doc),
      written.slice(0, -10),
      written.replace('"starred":false', '"starred":"no"'),
      written.replace('"strings"]', '"strings","Strings"]'),
      written.replace('"status":null,', '"status":null,"colour":"red",'),
      written.replace('"schemaVersion": 1', '"schemaVersion": 2'),
      written.replace(',\n\t\t"hep-th/9901001"', ', "hep-th/9901001"'),
      written.replace('{"starred":false,"tags":["strings"],"status":null', '{"starred":false,"tags":[],"status":null'),
    ];
    for (const variant of refused) expect(codec.decode(variant), variant).toBeNull();
  });
});
