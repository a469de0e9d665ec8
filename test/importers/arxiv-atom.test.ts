import { describe, expect, it } from 'vitest';
import { parseArxivAtom, readAtomTotalResults } from '../../src/importers/arxiv-atom.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

const testing = readFixture('arxiv-query-testing.xml');
const transformer = readFixture('arxiv-query-transformer-cs.LG.xml');

const rejection = (xml: string) => rejectionOf(() => parseArxivAtom(xml));

// The layout of arXiv responses before 2024: namespaces declared on each element, hard-wrapped
// title and summary, old-style ids.
const OLD_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Did%3Ahep-th%2F9901001" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=id:hep-th/9901001</title>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v2</id>
    <updated>1999-02-03T10:00:00-05:00</updated>
    <published>1999-01-04T18:00:00-05:00</published>
    <title>Strings, Branes and
  Dualities in &lt;Five&gt; Dimensions</title>
    <summary>  We study the duality between strings and branes in five
dimensions and show it holds.
  In a second paragraph we discuss
consequences.
</summary>
    <author>
      <name>Ana  Mar\u00eda Pérez</name>
      <arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Universidad</arxiv:affiliation>
    </author>
    <author><name>B. Smith</name></author>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1016/S0550-3213(99)00001-1</arxiv:doi>
    <link title="doi" href="http://dx.doi.org/10.1016/S0550-3213(99)00001-1" rel="related"/>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">12 pages,
  3 figures</arxiv:comment>
    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">Nucl.Phys. B550 (1999) 1</arxiv:journal_ref>
    <link href="http://arxiv.org/abs/hep-th/9901001v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/hep-th/9901001v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
    <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
    <category term="gr-qc" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
`;

describe('arxiv-atom on recorded API responses', () => {
  const result = parseArxivAtom(testing);

  it('imports every entry with the full record', () => {
    expect(result.papers).toHaveLength(10);
    expect(result.warnings).toEqual([]);
    expect(result.papers[0]).toMatchObject({
      arxivId: '2202.12139',
      version: 1,
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
      authorCount: 3,
      published: '2022-02-24',
      updated: '2022-02-24',
      primaryCategory: 'cs.SE',
      categories: ['cs.SE', 'cs.LG'],
      arxivComment: 'Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022',
      doi: '10.1109/ICSTW55395.2022.00035',
      url: 'https://arxiv.org/abs/2202.12139',
      pdfUrl: 'https://arxiv.org/pdf/2202.12139',
    });
    expect(result.papers[0]!.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022 IEEE/);
  });

  it('reads versions, entities and paragraphs', () => {
    expect(result.papers.find((p) => p.arxivId === '2005.14124')).toMatchObject({ version: 2, published: '2020-05-28', updated: '2020-07-16' });
    expect(result.papers.find((p) => p.arxivId === '1202.4527')!.journalRef).toBe(
      'International Journal of Software Engineering & Applications (IJSEA), Vol.3, No.1, January 2012',
    );
    const review = result.papers.find((p) => p.arxivId === '1812.11470')!;
    const paragraphs = review.abstract.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(paragraphs.at(-1)!.startsWith('Conclusion. For effectiveness')).toBe(true);
    expect(parseArxivAtom(transformer).papers[0]!.abstract).toContain('(<1 minute per tool)');
  });

  it('reports the paging numbers for the fetcher', () => {
    expect(result.feed).toEqual({ totalResults: 214881, startIndex: 0, itemsPerPage: 10 });
    expect(readAtomTotalResults(transformer)).toBe(28946);
    expect(parseArxivAtom(transformer).papers.map((p) => p.arxivId)).toEqual(['2606.13677', '2606.13591', '2606.13568', '2606.13515', '2606.13501']);
  });

  it('reads the older layout: per-element namespaces, hard wraps, old-style ids', () => {
    const old = parseArxivAtom(OLD_FEED);
    expect(old.feed.totalResults).toBe(1);
    expect(old.papers).toEqual([
      expect.objectContaining({
        arxivId: 'hep-th/9901001',
        version: 2,
        title: 'Strings, Branes and Dualities in <Five> Dimensions',
        abstract: 'We study the duality between strings and branes in five dimensions and show it holds.\n\nIn a second paragraph we discuss consequences.',
        authors: ['Ana María Pérez', 'B. Smith'],
        published: '1999-01-04',
        updated: '1999-02-03',
        doi: '10.1016/S0550-3213(99)00001-1',
        arxivComment: '12 pages, 3 figures',
        journalRef: 'Nucl.Phys. B550 (1999) 1',
        primaryCategory: 'hep-th',
        categories: ['hep-th', 'gr-qc'],
        url: 'https://arxiv.org/abs/hep-th/9901001',
        pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001',
      }),
    ]);
  });

  it('reads a feed whose Atom namespace has a prefix', () => {
    const prefixed = OLD_FEED.replace(/<(\/?)(feed|entry|id|title|summary|author|name|link|category|published|updated)\b/g, '<$1atom:$2').replace(
      '<atom:feed xmlns="http://www.w3.org/2005/Atom">',
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">',
    );
    expect(parseArxivAtom(prefixed).papers[0]).toMatchObject({ arxivId: 'hep-th/9901001', authors: ['Ana María Pérez', 'B. Smith'] });
  });

  it('accepts a feed with no entries', () => {
    const empty = `${testing.slice(0, testing.indexOf('<entry>'))}</feed>`;
    expect(parseArxivAtom(empty)).toMatchObject({ papers: [], skipped: 0, feed: { totalResults: 214881 } });
  });
});

describe('arxiv-atom on broken responses', () => {
  it('skips an entry without a title, naming it', () => {
    const entries = testing.split('<entry>');
    entries[3] = entries[3]!.replace(/<title>[^<]*<\/title>/, '<title>  </title>');
    const read = parseArxivAtom(entries.join('<entry>'));
    expect(read.papers).toHaveLength(9);
    expect(read.skipped).toBe(1);
    expect(read.warnings).toEqual(['entry 3 (http://arxiv.org/abs/2005.14124v2): no title; skipped']);
  });

  it("turns arXiv's error feed into an import error", () => {
    const errorFeed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345v</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345v</summary>
    <updated>2024-01-01T00:00:00-05:00</updated>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>`;
    expect(rejection(errorFeed).message).toBe('arxiv-atom: entry 1: arXiv answered with an error: incorrect id format for 1234.12345v');
  });

  it('rejects a response cut in the middle, naming the last line', () => {
    const cut = testing.slice(0, Math.floor(testing.length / 2));
    expect(rejection(cut).message).toBe(`arxiv-atom: line ${cut.trimEnd().split('\n').length}: the XML ends before <summary> is closed (the file looks truncated)`);
    expect(rejection(testing.slice(0, 1000)).message).toMatch(/^arxiv-atom: line 15, column \d+: malformed XML at the very end \(the file looks truncated\)/);
  });

  it('rejects malformed XML and other documents with their position', () => {
    expect(rejection(testing.replace('</title>', '</titl>')).message).toMatch(/^arxiv-atom: line 4, column \d+: malformed XML: Expected closing tag 'title'/);
    expect(rejection('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>').message).toBe('arxiv-atom: expected an Atom <feed>, found <rss>');
  });

  it('rejects 50 MB of garbage, bare or behind a feed header', () => {
    const garbage = randomText(GARBAGE_BYTES, 5);
    expect(rejection(garbage).message).toMatch(/^arxiv-atom: line 1, column 1: malformed XML/);
    expect(rejection(`<feed xmlns="http://www.w3.org/2005/Atom">${garbage}`).message).toMatch(/^arxiv-atom: line \d+, column \d+: malformed XML/);
  });
});
