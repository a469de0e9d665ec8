import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/importers/bibtex.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

const arxivExport = readFixture('arxiv-2508.07662.bib');

const rejection = (text: string) => rejectionOf(() => parseBibtex(text));

const LIBRARY = String.raw`% Encoding: UTF-8
@string{jmlr = "Journal of Machine Learning"}
@comment{jabref-meta: databaseType:bibtex;}
@preamble{"\newcommand{\noopsort}[1]{}"}

@article{mueller2020,
  title    = {{\"U}ber die M{\"o}glichkeit: Stra{\ss}e, Caf\'{e}, \c{c}a, Espa\~{n}a, \v{S}koda, na\"ive},
  author   = {M{\"u}ller, J{\"o}rg and Gro{\ss}e, Ren\'e and {\O}stergaard, S\o{}ren and van der Berg, Jan and {Google Research}},
  journal  = jmlr # " Research",
  year     = 2020,
  month    = mar,
  doi      = {https://doi.org/10.1000/xyz.123},
  keywords = {transformers, attention; scaling},
  abstract = {We study  things
    over several lines.

    A second paragraph with $x^2$ and 50\% more, from <Answer> to <Think>.},
}

@inproceedings(smith2021,
  title     = "A {GPU} Study of \emph{Everything} (and More)",
  booktitle = {Proceedings of {NeurIPS}},
  year      = {2021},
  month     = {July},
  author    = {Smith, Jr., John}
)

@misc{notitle, author = {Nobody}, year = 2019}

@article{vaswani2017attention,
  title={Attention is all you need},
  author={Vaswani, Ashish and Shazeer, Noam},
  journal={arXiv preprint arXiv:1706.03762},
  year={2017}
}
`;

describe("bibtex on arXiv's export", () => {
  it('reads the eprint, class and authors', () => {
    const result = parseBibtex(arxivExport);
    expect(result.papers).toEqual([
      expect.objectContaining({
        arxivId: '2508.07662',
        version: null,
        title: 'GLiClass: Generalist Lightweight Model for Sequence Classification Tasks',
        authors: ['Ihor Stepanov', 'Mykhailo Shtopko', 'Dmytro Vodianytskyi', 'Oleksandr Lukashov', 'Alexander Yavorskyi', 'Mykyta Yaroshenko'],
        authorCount: 6,
        published: '2025-01-01',
        primaryCategory: 'cs.LG',
        url: 'https://arxiv.org/abs/2508.07662',
        pdfUrl: 'https://arxiv.org/pdf/2508.07662',
        venue: null,
        entryType: 'misc',
        citationKey: 'stepanov2025gliclassgeneralistlightweightmodel',
      }),
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('bibtex on an ordinary library', () => {
  const result = parseBibtex(LIBRARY);
  const [mueller, smith, vaswani] = result.papers;

  it('imports every titled entry and skips the untitled one by key and line', () => {
    expect(result.papers.map((p) => p.citationKey)).toEqual(['mueller2020', 'smith2021', 'vaswani2017attention']);
    expect(result.skipped).toBe(1);
    expect(result.warnings).toEqual(['entry 3 (line 28, key "notitle"): no title; skipped']);
  });

  it('decodes LaTeX accents to Unicode', () => {
    expect(mueller!.title).toBe('Über die Möglichkeit: Straße, Café, ça, España, Škoda, naïve');
    expect(mueller!.authors).toEqual(['Jörg Müller', 'René Große', 'Søren Østergaard', 'Jan van der Berg', 'Google Research']);
  });

  it('maps journal, date, DOI, keywords and a two-paragraph abstract', () => {
    expect(mueller).toMatchObject({
      venue: 'Journal of Machine Learning Research',
      published: '2020-03-01',
      doi: '10.1000/xyz.123',
      keywords: ['attention', 'scaling', 'transformers'],
      entryType: 'article',
      arxivId: null,
      url: null,
    });
    expect(mueller!.abstract).toBe('We study things over several lines.\n\nA second paragraph with x² and 50% more, from <Answer> to <Think>.');
  });

  it('reads parenthesised entries, booktitle and markup', () => {
    expect(smith).toMatchObject({
      title: 'A GPU Study of Everything (and More)',
      venue: 'Proceedings of NeurIPS',
      published: '2021-07-01',
      authors: ['John Smith, Jr.'],
      entryType: 'inproceedings',
    });
  });

  it('finds the arXiv id in a Google Scholar journal field, which is no venue', () => {
    expect(vaswani).toMatchObject({ arxivId: '1706.03762', venue: null, url: 'https://arxiv.org/abs/1706.03762', published: '2017-01-01' });
  });

  it('reads biblatex dates and ignores impossible days', () => {
    const dates = parseBibtex(String.raw`@online{a, title = {A}, date = {2021-05-17}}
@online{b, title = {B}, date = {2021-05}}
@article{c, title = {C}, year = {2019}, month = {2}, day = {31}}
@article{d, title = {D}, year = {in press}}`);
    expect(dates.papers.map((p) => p.published)).toEqual(['2021-05-17', '2021-05-01', '2019-02-01', null]);
  });

  it('keeps the text of unknown commands and says so', () => {
    const read = parseBibtex(String.raw`@article{k, title = {The \foo{Bar} Method}}`);
    expect(read.papers[0]!.title).toBe('The Bar Method');
    expect(read.warnings).toEqual(['entry "k": unknown LaTeX \\foo left out']);
  });

  it('accepts a file of only strings and comments, but not text without entries', () => {
    expect(parseBibtex('@comment{nothing here}\n@string{a = "b"}\n').papers).toEqual([]);
    expect(rejection('Just a note about papers.\n').message).toBe('bibtex: no BibTeX entries found (an entry starts like @article{key, ...})');
  });

  it('reads a large library with the right positions', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `@article{k${i},\n  title = {Paper number ${i}},\n  year = 2020\n}\n`);
    entries[2500] = '@article{untitled,\n  year = 2020\n}\n';
    const read = parseBibtex(entries.join(''));
    expect(read.papers).toHaveLength(2999);
    expect(read.warnings).toEqual(['entry 2501 (line 10001, key "untitled"): no title; skipped']);
  });
});

describe('bibtex on broken files', () => {
  it('rejects a file cut in the middle at the open entry', () => {
    const cut = LIBRARY.slice(0, LIBRARY.indexOf('Smith, Jr.'));
    expect(rejection(cut).message).toBe('bibtex: line 20: @inproceedings is never closed: a ")" is missing, or the file is cut off');
    expect(rejection(arxivExport.slice(0, 200)).message).toBe('bibtex: line 1: @misc is never closed: a "}" is missing, or the file is cut off');
  });

  it('rejects syntax errors with their line, importing nothing', () => {
    const noBrace = LIBRARY.replace('@misc{notitle', '@misc notitle');
    expect(rejection(noBrace).message).toBe('bibtex: line 28: expected "{" after "@misc", found "notitle, author = {N"');
    const openMath = LIBRARY.replace('with $x^2$ and', 'with $x^2 and');
    expect(rejection(openMath).message).toMatch(/^bibtex: line 6: Unclosed math section/);
    expect(rejection('@article{a, title = {A}}\n@{b, title = {B}}').message).toMatch(/^bibtex: line 2: "@" must be followed by an entry type/);
  });

  it('rejects 50 MB of garbage at its first broken entry', () => {
    expect(rejection(randomText(GARBAGE_BYTES, 13)).message).toMatch(/^bibtex: line \d+: /);
    expect(rejection(`@article{x,\n${randomText(GARBAGE_BYTES, 17).replace(/[{}\\]/g, '')}`).message).toBe(
      'bibtex: line 1: @article is never closed: a "}" is missing, or the file is cut off',
    );
  });
});
