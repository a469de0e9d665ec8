import { parse, type Creator } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../src/export/bibtex.ts';
import { parseBibtex } from '../../src/importers/bibtex.ts';
import type { ExportItem } from '../../src/export/types.ts';
import {
  annotation,
  collidingItem,
  gliclassItem,
  godelItem,
  importedBibtexItem,
  stored,
  titleOnlyItem,
} from './export-items.ts';

// The parser decodes `{\\"o}` to a decomposed ö; the library stores composed text.
const nfc = (text: string | undefined): string | undefined => text?.normalize('NFC');

function creatorName(creator: Creator): string {
  return nfc(creator.name ?? [creator.firstName, creator.prefix, creator.lastName].filter(Boolean).join(' ')) ?? '';
}

function parseBack(bib: string, options: Parameters<typeof parse>[1] = { sentenceCase: false }) {
  const library = parse(bib, options);
  expect(library.errors).toEqual([]);
  return library.entries;
}

const all = (): ExportItem[] => [gliclassItem(), godelItem(), titleOnlyItem(), importedBibtexItem()];

describe('exportBibtex', () => {
  it('writes an arXiv preprint the way arXiv exports it, without the private note', () => {
    expect(exportBibtex([gliclassItem()])).toBe(
      [
        '@misc{stepanov2025gliclass,',
        '  title = {{GLiClass:} Generalist Lightweight Model for Sequence Classification Tasks},',
        '  author = {Ihor Stepanov and Mykhailo Shtopko and Dmytro Vodianytskyi and Oleksandr Lukashov and Alexander Yavorskyi and Mykyta Yaroshenko},',
        '  year = {2025},',
        '  month = aug,',
        '  eprint = {2508.07662},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2508.07662},',
        '  keywords = {NLP, zero-shot},',
        // The abstract's hard line break is joined.
        '  abstract = {Classification is one of the most widespread tasks in AI applications, serving often as the first step.},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('parses back with a BibTeX parser to the same titles, authors and fields', () => {
    const items = all();
    const entries = parseBack(exportBibtex(items));
    expect(entries.map((entry) => nfc(entry.fields.title))).toEqual(items.map((item) => item.paper.title));
    expect(entries[0]?.fields.author?.map(creatorName)).toEqual(items[0]?.paper.authors);
    expect(entries[1]?.fields.author?.map(creatorName)).toEqual(items[1]?.paper.authors);
    expect(entries[0]?.fields.keywords).toEqual(['NLP', 'zero-shot']);
    expect(nfc(entries[1]?.fields.journal)).toBe('Monatshefte für Mathematik & Physik');
    expect(nfc(entries[1]?.fields.abstract)).toBe(items[1]?.paper.abstract);
    expect(entries[1]?.fields.doi).toBe('10.1007/BF01700692');
  });

  it("comes back through Papershelf's own BibTeX importer with the same facts and keys", () => {
    const items = [gliclassItem(), godelItem(), titleOnlyItem()];
    const bib = exportBibtex(items);
    const imported = parseBibtex(bib);
    expect(imported.warnings).toEqual([]);
    // The importer currently hands over decomposed accents (see nfc above); compare composed text.
    const facts = (paper: (typeof imported.papers)[number]) => ({
      title: nfc(paper.title),
      authors: paper.authors.map(nfc),
      arxivId: paper.arxivId,
      primaryCategory: paper.primaryCategory,
      doi: paper.doi,
      venue: nfc(paper.venue ?? undefined) ?? null,
      abstract: nfc(paper.abstract),
    });
    expect(imported.papers.map(facts)).toEqual(items.map((item) => facts({ ...item.paper, abstract: item.paper.abstract.replace(/\s+/g, ' ') })));
    // Imported keys are kept, so exporting the imported papers again gives the same keys.
    expect(imported.papers.map((paper) => paper.citationKey)).toEqual(['stepanov2025gliclass', 'godel1931godel', 'anontitle']);
    const again = items.map((item, i) => ({ ...item, paper: { ...item.paper, ...imported.papers[i] } }));
    expect(exportBibtex(again)).toBe(bib);
  });

  it('protects acronyms, inner capitals and digits, and leaves other words to the style', () => {
    const title = 'MiniMax Sparse Attention for LLMs: GPT-4o, T5 and 3D Scenes on the iPhone';
    const bib = exportBibtex([{ ...titleOnlyItem(), paper: { ...titleOnlyItem().paper, title } }]);
    expect(bib).toContain('  title = {{MiniMax} Sparse Attention for {LLMs:} {GPT-4o,} {T5} and {3D} Scenes on the {iPhone}},\n');
    // A style that sentence-cases titles (the parser's default English handling) keeps what is braced.
    const [entry] = parseBack(bib, {});
    expect(entry?.fields.title).toBe('MiniMax sparse attention for LLMs: GPT-4o, T5 and 3D scenes on the iPhone');
    const gliclass = parseBack(exportBibtex([gliclassItem()]), {});
    expect(gliclass[0]?.fields.title).toMatch(/^GLiClass: generalist lightweight model/);
  });

  it('keeps math in titles as TeX in a brace group, and escapes a dollar that opens no formula', () => {
    const paper = { ...titleOnlyItem().paper, title: 'Sub-$O(n^{2})$ Attention at $5 and \\$10 per $x$' };
    const bib = exportBibtex([{ ...titleOnlyItem(), paper }]);
    expect(bib).toContain('  title = {Sub-{$O(n^{2})$} Attention at \\$5 and \\textbackslash{}\\$10 per {$x$}},\n');
    const unbalanced = exportBibtex([{ ...titleOnlyItem(), paper: { ...paper, title: 'Bad $x}{$ math' } }]);
    expect(unbalanced).toContain('  title = {Bad \\$x\\textbraceright{}\\textbraceleft{}\\$ math},\n');
  });

  it('escapes specials, LaTeX-encodes accents and keeps braces balanced', () => {
    const bib = exportBibtex([godelItem()]);
    const fragments = [
      'G{\\"o}del Numbers',
      '\\& the',
      '100\\%',
      ' \\textbraceleft{}Formal\\textbraceright{} ',
      '\\$5 x\\_1 \\textasciitilde{} \\textasciicircum{} \\# \\textbackslash{}cite',
      '{\\L}ukasz Kaiser',
      '{Qwen Team}',
    ];
    for (const fragment of fragments) expect(bib).toContain(fragment);
    let depth = 0;
    for (const char of bib.replace(/\\[{}]/g, '')) {
      depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    // Accented Latin letters are all LaTeX commands; the em dash stays UTF-8.
    expect(bib).not.toMatch(/[\u00c0-\u024f]/);
    expect(bib).toContain('propositions — {\\"u}ber');
  });

  it('keeps non-Latin scripts as UTF-8', () => {
    const paper = stored('t:zh', { title: '大型语言模型 Survey', authors: ['张伟'] });
    const entries = parseBack(exportBibtex([{ paper, annotation: null, note: null }]));
    expect(entries[0]?.fields.title).toBe('大型语言模型 Survey');
    expect(entries[0]?.fields.author?.map(creatorName)).toEqual(['张伟']);
  });

  it('keeps the entry type, venue and key of a paper imported from BibTeX', () => {
    const bib = exportBibtex([importedBibtexItem()]);
    expect(bib).toMatch(/^@inproceedings\{Vaswani2017,\n/);
    expect(bib).toContain('  booktitle = {Advances in Neural Information Processing Systems},\n');
    // Two of eight authors known: the rest are marked, not dropped.
    expect(bib).toContain('  author = {Ashish Vaswani and Noam Shazeer and others},\n');
    expect(bib).not.toContain('eprint');
  });

  it('turns an arXiv paper with a journal reference into an article', () => {
    const item = gliclassItem();
    item.paper.journalRef = 'Phys. Rev. D 76, 013009 (2007)';
    item.paper.doi = '10.1103/PhysRevD.76.013009';
    const bib = exportBibtex([item]);
    expect(bib).toMatch(/^@article\{/);
    expect(bib).toContain('  journal = {Phys. Rev. D 76, 013009 (2007)},\n');
    expect(bib).toContain('  doi = {10.1103/PhysRevD.76.013009},\n');
    expect(bib).toContain('  eprint = {2508.07662},\n');
  });

  it('writes a title-only paper with nothing invented', () => {
    const bib = exportBibtex([titleOnlyItem()]);
    expect(bib).toBe('@misc{anontitle,\n  title = {A Title-Only Paper},\n}\n');
  });

  it('writes an organisation as one braced author', () => {
    const paper = stored('t:sky', { title: 'Skywork Report', organization: 'Skywork AI and Friends' });
    const entries = parseBack(exportBibtex([{ paper, annotation: null, note: null }]));
    expect(entries[0]?.fields.author?.map(creatorName)).toEqual(['Skywork AI and Friends']);
  });

  it('derives stable keys and disambiguates collisions by paper id, whatever the order', () => {
    const items = [collidingItem('2510.00002'), gliclassItem(), collidingItem('2509.00001')];
    const keysOf = (list: ExportItem[]) =>
      Object.fromEntries(parseBack(exportBibtex(list)).map((entry, i) => [list[i]?.paper.id, entry.key]));
    const keys = keysOf(items);
    expect(keys).toEqual({
      '2508.07662': 'stepanov2025gliclass',
      '2509.00001': 'stepanov2025gliclassa',
      '2510.00002': 'stepanov2025gliclassb',
    });
    expect(keysOf([...items].reverse())).toEqual(keys);
  });

  it('never lets a derived key take a kept BibTeX key', () => {
    const kept = importedBibtexItem();
    kept.paper.citationKey = 'stepanov2025gliclass';
    const entries = parseBack(exportBibtex([gliclassItem(), kept]));
    expect(entries.map((entry) => entry.key)).toEqual(['stepanov2025gliclassa', 'stepanov2025gliclass']);
  });

  it('uses the tags of the annotation even when nothing else is annotated', () => {
    const item = titleOnlyItem();
    item.annotation = annotation({ tags: ['R&D', 'to_check', 'Gödel', 'machine learning'] });
    // The parser returns keywords sorted.
    expect(parseBack(exportBibtex([item]))[0]?.fields.keywords?.sort()).toEqual(['Gödel', 'R&D', 'machine learning', 'to_check'].sort());
  });

  it('exports nothing for no papers', () => {
    expect(exportBibtex([])).toBe('');
  });
});
