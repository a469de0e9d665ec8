import { describe, expect, it } from 'vitest';
import { isoDay, normalizeAbstract, normalizeTitle } from '../../src/importers/text.ts';

describe('text clean-up', () => {
  it('collapses whitespace in titles and composes accents', () => {
    expect(normalizeTitle('  Attention\n  is\tall   you need ')).toBe('Attention is all you need');
    expect(normalizeTitle('Mu\u0308ller')).toBe('Müller');
  });

  it('joins hard-wrapped lines and keeps paragraphs', () => {
    expect(normalizeAbstract('  We study\nthings   here.\n  Second\nparagraph.\n')).toBe('We study things here.\n\nSecond paragraph.');
    expect(normalizeAbstract('One.\n\n\nTwo\nlines.')).toBe('One.\n\nTwo lines.');
    expect(normalizeAbstract('A\r\nB\r\n\r\nC')).toBe('A B\n\nC');
    expect(normalizeAbstract(' \n ')).toBe('');
  });

  it('reads days from dates and timestamps only when they exist', () => {
    expect(isoDay('2026-05-30T00:00:00.000Z')).toBe('2026-05-30');
    expect(isoDay('2007-05-23T17:34:52-04:00')).toBe('2007-05-23');
    expect(isoDay('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', 'May 2024', '20240101', '', null, undefined]) expect(isoDay(bad)).toBeNull();
  });
});
