import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/importers/backup-schema.ts';
import { parseImport } from '../../src/importers/index.ts';
import { makeWellFormed } from '../../src/importers/well-formed.ts';
import { emptyPaperFields } from '../../src/model/paper.ts';
import { readFixture } from '../helpers/fixtures.ts';

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string in a value, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value instanceof Map) for (const [key, item] of value) strings([key, item], out);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) strings([key, item], out);
  return out;
}

function expectWellFormed(value: unknown): void {
  for (const text of strings(value)) expect(LONE.test(text), JSON.stringify(text)).toBe(false);
}

const TODAY = { today: '2026-11-26' };

describe('imported text is well-formed', () => {
  it('turns a lone surrogate in a Daily Papers title into U+FFFD', () => {
    const items = JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as Array<{ paper: { title: string; summary: string } }>;
    items[0]!.paper.title = 'x\ud800y';
    items[1]!.paper.summary = 'ends in a high surrogate \udbff';
    const parsed = parseImport(JSON.stringify(items));
    expect(parsed.papers[0]?.title).toBe('x\ufffdy');
    expect(parsed.papers[1]?.abstract).toBe('ends in a high surrogate \ufffd');
    expectWellFormed(parsed);
  });

  it('does so in every text format: BibTeX, arXiv Atom, a copied listing page', () => {
    const bib = parseImport('@misc{k, title = {x\ud800y}, author = {A\udc00 B}}');
    expect(bib.papers[0]).toMatchObject({ title: 'x\ufffdy', authors: ['A\ufffd B'] });
    expectWellFormed(bib);
    const atom = readFixture('arxiv-query-testing.xml').replace(/<title>(?!.*arXiv)/, '<title>\udfff');
    const read = parseImport(atom);
    expect(read.papers.some((p) => p.title.startsWith('\ufffd'))).toBe(true);
    expectWellFormed(read);
    const page = readFixture('hf-papers-page.txt').replace('GeoRef:', 'Geo\ud83dRef:');
    const listing = parseImport(page, TODAY);
    expect(listing.papers[0]?.title).toMatch(/^Geo\ufffdRef:/);
    expectWellFormed(listing);
  });

  it("cleans a backup's papers, annotation keys, tags and notes", () => {
    const paper = {
      ...emptyPaperFields('Backup x\ud800y'),
      id: 'id\ud800',
      sources: ['json'],
      addedAt: '2026-06-01T10:00:00.000Z',
      modifiedAt: '2026-06-01T10:00:00.000Z',
    };
    const backup = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: '2026-06-11T08:00:00.000Z',
      papers: [paper],
      annotations: { 'id\ud800': { starred: true, tags: ['t\udc00'], status: null, updatedAt: '2026-06-10T12:00:00.000Z', note: 'n\ud800' } },
    };
    const parsed = parseImport(JSON.stringify(backup));
    expectWellFormed(parsed);
    expect(parsed.backup?.papers[0]).toMatchObject({ id: 'id\ufffd', title: 'Backup x\ufffdy' });
    const annotations = parsed.backup?.annotations as unknown;
    const entry = annotations instanceof Map ? annotations.get('id\ufffd') : (annotations as Record<string, unknown>)['id\ufffd'];
    expect(entry).toMatchObject({ tags: ['t\ufffd'], note: 'n\ufffd' });
  });

  it('keeps a __proto__ key an ordinary key and leaves well-formed strings untouched', () => {
    const record = JSON.parse('{"__proto__": {"note": "a\\ud800"}, "plain": "ok 😀"}') as Record<string, unknown>;
    const fixed = makeWellFormed(record);
    expect(Object.getPrototypeOf(fixed)).toBe(Object.prototype);
    expect(Object.keys(fixed)).toEqual(['__proto__', 'plain']);
    expect(Object.getOwnPropertyDescriptor(fixed, '__proto__')?.value).toEqual({ note: 'a\ufffd' });
    expect(fixed.plain).toBe('ok 😀');
    const bare = Object.assign(Object.create(null) as Record<string, string>, { ['k\ud800']: 'v' });
    expect(Object.keys(makeWellFormed(bare))).toEqual(['k\ufffd']);
    expect(makeWellFormed(new Map([['k\udc00', ['v\ud800']]]))).toEqual(new Map([['k\ufffd', ['v\ufffd']]]));
  });
});
