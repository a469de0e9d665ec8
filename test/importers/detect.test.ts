import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../src/model/paper.ts';
import { detectFormat, IMPORTERS } from '../../src/importers/detect.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

const FIXTURES: Record<string, ImportFormat> = {
  'hf-papers-page.txt': 'hf-page',
  'hf-daily-papers-2026-06-12.json': 'hf-json',
  'hf-daily-papers-2026-07-15.json': 'hf-json',
  'arxiv-query-testing.xml': 'arxiv-atom',
  'arxiv-query-transformer-cs.LG.xml': 'arxiv-atom',
  'arxiv-2508.07662.bib': 'bibtex',
};

const BACKUP = JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-06-11T08:00:00.000Z', papers: [], annotations: {} }, null, 2);

const unrecognised = (text: string) => rejectionOf(() => detectFormat(text));

describe('format detection', () => {
  it.each(Object.entries(FIXTURES))('recognises %s as %s, and only that importer claims it', (name, format) => {
    const text = readFixture(name);
    expect(detectFormat(text)).toBe(format);
    expect(IMPORTERS.filter((i) => i.detect(text)).map((i) => i.format)).toEqual([format]);
  });

  it('recognises a backup before the Daily Papers shape', () => {
    expect(detectFormat(BACKUP)).toBe('json');
    expect(detectFormat(JSON.stringify({ papers: [], annotations: {}, version: 1, format: 'papershelf-backup' }))).toBe('json');
  });

  it('recognises the variants people save', () => {
    expect(detectFormat(`\uFEFF${readFixture('arxiv-query-testing.xml')}`)).toBe('arxiv-atom');
    expect(detectFormat('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toBe('arxiv-atom');
    expect(detectFormat('<!-- saved -->\n<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>')).toBe('arxiv-atom');
    expect(detectFormat(`% Encoding: UTF-8\n\n${readFixture('arxiv-2508.07662.bib')}`)).toBe('bibtex');
    expect(detectFormat('[]')).toBe('hf-json');
    expect(detectFormat(JSON.stringify((JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as unknown[])[0]))).toBe('hf-json');
    expect(detectFormat(readFixture('hf-papers-page.txt').replace(/\n/g, '\r\n'))).toBe('hf-page');
  });

  it('names every format when nothing fits', () => {
    const error = unrecognised('Some notes about papers I liked.\nNothing structured here.\n');
    expect(error.message).toMatch(/^auto: unrecognised file: expected one of .*\(json\).*\(hf-json\).*\(arxiv-atom\).*\(bibtex\).*\(hf-page\)$/);
    expect(unrecognised('{"name": "not a paper list"}').format).toBe('auto');
    expect(unrecognised('[{"id": "vaswani2017", "type": "article-journal", "title": "Attention"}]').format).toBe('auto');
    expect(unrecognised('<rss version="2.0"></rss>').format).toBe('auto');
    expect(unrecognised(randomText(GARBAGE_BYTES, 23)).format).toBe('auto');
  });
});
