import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImportBytes, parseImport } from '../../src/importers/index.ts';
import { fixturePath, readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomBytes, randomText } from './garbage.ts';
import { errorOf as thrown, rejectionOf } from './rejection.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeImportBytes', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    const bytes = readFileSync(fixturePath('arxiv-query-testing.xml'));
    expect(decodeImportBytes(bytes)).toBe(readFixture('arxiv-query-testing.xml'));
    expect(decodeImportBytes(utf8('\uFEFF@misc{a, title={Ä}}'))).toBe('@misc{a, title={Ä}}');
  });

  it('replaces Latin-1 bytes with U+FFFD and warns once, naming the first bad byte', () => {
    const bib = '@article{m,\n  title = {Über Straßen},\n}\n';
    const latin1 = Buffer.from(bib, 'latin1');
    expect(bib.indexOf('Ü')).toBe(23); // one byte per character in Latin-1; offsets count from 0
    const warnings: string[] = [];
    expect(decodeImportBytes(latin1, (line) => warnings.push(line))).toBe(bib.replace(/[Üß]/g, '\uFFFD'));
    expect(warnings).toEqual(['2 bytes were not valid UTF-8 and were replaced (the first at byte 23, 0xDC: Latin-1 or Windows-1252?)']);
    expect(parseImport(decodeImportBytes(latin1)).papers[0]?.title).toBe('\uFFFDber Stra\uFFFDen');
    // A real U+FFFD in the file is kept and not counted; the bad byte after it is.
    const mixed = Buffer.concat([Buffer.from('ok \uFFFD ok ', 'utf8'), Buffer.from([0xe9, 0xe9, 0x41])]);
    warnings.length = 0;
    expect(decodeImportBytes(mixed, (line) => warnings.push(line))).toBe('ok \uFFFD ok \uFFFD\uFFFDA');
    expect(warnings).toEqual([expect.stringMatching(/^2 bytes were not valid UTF-8 and were replaced \(the first at byte 10, 0xE9/)]);
    // A truncated three-byte sequence is one replacement for two bytes.
    warnings.length = 0;
    expect(decodeImportBytes(Uint8Array.from([0x41, 0xe2, 0x82, 0x41]), (line) => warnings.push(line))).toBe('A\uFFFDA');
    expect(warnings[0]).toMatch(/^2 bytes were not valid UTF-8/);
  });

  it('says nothing about a file that is valid UTF-8', () => {
    const warnings: string[] = [];
    decodeImportBytes(utf8('@misc{a, title={\uFFFD Ä}}'), (line) => warnings.push(line));
    expect(warnings).toEqual([]);
  });

  it('refuses UTF-16, with or without a byte order mark', () => {
    const text = readFixture('arxiv-2508.07662.bib');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(thrown(() => decodeImportBytes(withBom)).message).toBe('file: byte 0: the file is UTF-16 text; save it as UTF-8');
    expect(thrown(() => decodeImportBytes(Buffer.from(text, 'utf16le'))).message).toBe(
      'file: byte 1: a NUL byte: this is binary data or UTF-16 text, not UTF-8 text',
    );
  });

  it('refuses empty and blank files', () => {
    for (const bytes of [new Uint8Array(0), utf8('  \n\t\r\n'), utf8('\uFEFF\n')]) {
      expect(thrown(() => decodeImportBytes(bytes)).message).toBe('file: the file is empty');
    }
  });

  it('refuses 50 MB of random bytes near their start', () => {
    const error = rejectionOf(() => decodeImportBytes(randomBytes(GARBAGE_BYTES, 29)));
    expect(error.message).toMatch(/^file: byte \d{1,4}: a NUL byte/);
  });
});

describe('parseImport', () => {
  const counts: Record<string, [string, number]> = {
    'hf-papers-page.txt': ['hf-page', 59],
    'hf-daily-papers-2026-06-12.json': ['hf-json', 30],
    'hf-daily-papers-2026-07-15.json': ['hf-json', 2],
    'arxiv-query-testing.xml': ['arxiv-atom', 10],
    'arxiv-query-transformer-cs.LG.xml': ['arxiv-atom', 5],
    'arxiv-2508.07662.bib': ['bibtex', 1],
  };

  it.each(Object.entries(counts))('imports %s as %s', (name, [format, count]) => {
    const result = parseImport(readFixture(name), { today: '2026-11-26' });
    expect(result.format).toBe(format);
    expect(result.papers).toHaveLength(count);
    expect(parseImport(readFixture(name), { format: format as 'auto', today: '2026-11-26' })).toEqual(result);
  });

  it.each(Object.entries(counts))('rejects %s cut in half, naming the format and a position', (name, [format]) => {
    const text = readFixture(name);
    const error = rejectionOf(() => parseImport(text.slice(0, Math.floor(text.length / 2))));
    expect(error.format).toBe(format);
    expect(error.position).toMatch(/^line \d+/);
  });

  it('passes the as-of date to the listing page', () => {
    const read = parseImport(readFixture('hf-papers-page.txt'), { asOf: '2026-06-30' });
    expect(read.papers[1]).toMatchObject({ title: expect.stringMatching(/^DexTrack/), published: '2026-02-13' });
  });

  it('rejects a file forced into the wrong format with that format named', () => {
    expect(thrown(() => parseImport(readFixture('arxiv-2508.07662.bib'), { format: 'arxiv-atom' })).message).toMatch(/^arxiv-atom: line 1, column 1: malformed XML/);
    expect(thrown(() => parseImport(readFixture('arxiv-query-testing.xml'), { format: 'hf-page' })).message).toMatch(/^hf-page: no paper listing found/);
    const unknown = thrown(() => parseImport('[]', { format: 'csv' as 'auto' }));
    expect([unknown.code, unknown.message]).toEqual(['bad-input', 'unknown import format "csv": use auto, hf-page, hf-json, arxiv-atom, bibtex, json']);
  });

  it('rejects empty text and text with NUL characters', () => {
    expect(thrown(() => parseImport(' \n ')).message).toBe('file: the file is empty');
    expect(thrown(() => parseImport('@misc{a, title={x}}\0')).message).toBe('file: character 19: a NUL character: this is binary data, not text');
  });

  it('turns a parser library failure into an import error of that format', () => {
    const deep = `<feed xmlns="http://www.w3.org/2005/Atom">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</feed>`;
    expect(rejectionOf(() => parseImport(deep)).message).toMatch(/^arxiv-atom: the file could not be read: /);
  });

  it('refuses 50 MB of text garbage as unrecognised', () => {
    expect(thrown(() => parseImport(randomText(GARBAGE_BYTES, 31))).message).toMatch(/^auto: unrecognised file/);
  });
});
