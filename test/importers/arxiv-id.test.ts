import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, arxivIdInText, parseArxivId } from '../../src/importers/arxiv-id.ts';

describe('arXiv ids', () => {
  it('splits off the version of new and old style ids', () => {
    expect(parseArxivId('2508.07662')).toEqual({ id: '2508.07662', version: null });
    expect(parseArxivId('arXiv:2508.07662v3')).toEqual({ id: '2508.07662', version: 3 });
    expect(parseArxivId('0704.0001v1')).toEqual({ id: '0704.0001', version: 1 });
    expect(parseArxivId('hep-th/9901001v2')).toEqual({ id: 'hep-th/9901001', version: 2 });
    expect(parseArxivId('math.GT/0309136')).toEqual({ id: 'math.GT/0309136', version: null });
  });

  it('refuses things that are not ids', () => {
    for (const bad of ['2508.076', '25080.7662', 'hep-th/99010', 'paper-42', '', '2508.07662 v2']) expect(parseArxivId(bad), bad).toBeNull();
  });

  it('finds ids in links and in free text', () => {
    expect(arxivIdFromUrl('http://arxiv.org/abs/2202.12139v1')).toEqual({ id: '2202.12139', version: 1 });
    expect(arxivIdFromUrl('https://arxiv.org/pdf/hep-th/9901001v2.pdf')).toEqual({ id: 'hep-th/9901001', version: 2 });
    expect(arxivIdFromUrl('https://example.org/abs/2202.12139')).toBeNull();
    expect(arxivIdInText('arXiv preprint arXiv:1706.03762')).toEqual({ id: '1706.03762', version: null });
    expect(arxivIdInText('Proceedings of NeurIPS 2017')).toBeNull();
  });
});
