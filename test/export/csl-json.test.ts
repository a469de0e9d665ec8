import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../src/export/bibtex.ts';
import { cslName, exportCslJson, type CslItem } from '../../src/export/csl-json.ts';
import { collidingItem, gliclassItem, godelItem, importedBibtexItem, stored, titleOnlyItem } from './export-items.ts';

function exported(...items: Parameters<typeof exportCslJson>[0]): CslItem[] {
  const parsed: unknown = JSON.parse(exportCslJson(items));
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as CslItem[];
}

describe('exportCslJson', () => {
  it('describes an arXiv preprint with every known field', () => {
    const [item] = exported(gliclassItem());
    expect(item).toEqual({
      id: 'stepanov2025gliclass',
      type: 'article',
      title: 'GLiClass: Generalist Lightweight Model for Sequence Classification Tasks',
      author: [
        { family: 'Stepanov', given: 'Ihor' },
        { family: 'Shtopko', given: 'Mykhailo' },
        { family: 'Vodianytskyi', given: 'Dmytro' },
        { family: 'Lukashov', given: 'Oleksandr' },
        { family: 'Yavorskyi', given: 'Alexander' },
        { family: 'Yaroshenko', given: 'Mykyta' },
      ],
      issued: { 'date-parts': [[2025, 8, 11]] },
      abstract: 'Classification is one of the most widespread tasks in AI applications, serving often as the first step.',
      URL: 'https://arxiv.org/abs/2508.07662',
      number: 'arXiv:2508.07662',
      publisher: 'arXiv',
      keyword: 'NLP, zero-shot',
    });
  });

  it('keeps accents, splits particles and writes collective authors as literals', () => {
    const [item] = exported(godelItem());
    expect(item?.type).toBe('article-journal');
    expect(item?.title).toBe(godelItem().paper.title);
    expect(item?.['container-title']).toBe('Monatshefte für Mathematik & Physik');
    expect(item?.DOI).toBe('10.1007/BF01700692');
    expect(item?.author).toEqual([
      { family: 'Gödel', given: 'Kurt' },
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Kaiser', given: 'Łukasz' },
      { literal: 'Qwen Team' },
      { family: 'Ørsted-Çelik', given: 'Zoë' },
    ]);
    expect(item).not.toHaveProperty('publisher');
    expect(item).not.toHaveProperty('number');
  });

  it('omits what a title-only paper does not know instead of writing nulls', () => {
    expect(exported(titleOnlyItem())).toEqual([{ id: 'anontitle', type: 'article', title: 'A Title-Only Paper' }]);
  });

  it('maps BibTeX entry types and keeps the imported key as id', () => {
    const [item] = exported(importedBibtexItem());
    expect(item?.id).toBe('Vaswani2017');
    expect(item?.type).toBe('paper-conference');
    expect(item?.['container-title']).toBe('Advances in Neural Information Processing Systems');
    expect(item?.keyword).toBe('transformers');
  });

  it('uses the organisation when no person is named', () => {
    const paper = stored('t:sky', { title: 'Skywork Report', organization: 'Skywork' });
    expect(exported({ paper, annotation: null, note: null })[0]?.author).toEqual([{ literal: 'Skywork' }]);
  });

  it('uses the same keys as the BibTeX export', () => {
    const items = [collidingItem('2509.00001'), gliclassItem(), godelItem(), importedBibtexItem()];
    const bibKeys = [...exportBibtex(items).matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1]);
    expect(exported(...items).map((item) => item.id)).toEqual(bibKeys);
    expect(bibKeys).toEqual(['stepanov2025gliclassa', 'stepanov2025gliclass', 'godel1931godel', 'Vaswani2017']);
  });
});

describe('cslName', () => {
  it.each([
    ['Ihor Stepanov', { family: 'Stepanov', given: 'Ihor' }],
    ['Juan Carlos Pérez', { family: 'Pérez', given: 'Juan Carlos' }],
    ['Berg, Jan', { family: 'Berg', given: 'Jan' }],
    ['van der Berg, Jan', { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' }],
    ['Martin Luther King Jr.', { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['King, Jr., Martin', { family: 'King', given: 'Martin', suffix: 'Jr.' }],
    ['bell hooks', { family: 'hooks', given: 'bell' }],
    ['OpenAI', { literal: 'OpenAI' }],
    ['张伟', { literal: '张伟' }],
    ['DeepMind Gemini Team', { literal: 'DeepMind Gemini Team' }],
    ['  Ihor\n Stepanov ', { family: 'Stepanov', given: 'Ihor' }],
  ])('%s', (name, expected) => {
    expect(cslName(name)).toEqual(expected);
  });
});
