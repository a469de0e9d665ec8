import { describe, expect, it } from 'vitest';
import { normalizeTitle, paperKey, parseArxivReference, titleKey } from '../../src/library/identity.ts';

describe('paper identity', () => {
  it('normalises titles so punctuation, case and accents do not split a paper in two', () => {
    expect(normalizeTitle('  Gödel’s Proof: A *New* Look! ')).toBe('godel s proof a new look');
    expect(titleKey('GeoRef: Referring Expressions')).toBe(titleKey('georef — referring   expressions'));
  });

  it('keys by arXiv id when known', () => {
    expect(paperKey({ arxivId: '2508.07662', title: 'x' })).toBe('2508.07662');
    expect(paperKey({ arxivId: null, title: 'Some Title' })).toBe('t:some-title');
  });

  it('understands the ways people write arXiv ids', () => {
    expect(parseArxivReference('2508.07662v3')).toBe('2508.07662');
    expect(parseArxivReference('arXiv:2508.07662')).toBe('2508.07662');
    expect(parseArxivReference('https://arxiv.org/abs/2508.07662v1')).toBe('2508.07662');
    expect(parseArxivReference('https://arxiv.org/pdf/2508.07662.pdf')).toBe('2508.07662');
    expect(parseArxivReference('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(parseArxivReference('not an id')).toBeNull();
  });
});
