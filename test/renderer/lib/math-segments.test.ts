import { describe, expect, it } from 'vitest';
import { splitMath, splitMathCapped } from '../../../renderer/lib/math-segments.ts';

const formulas = (text: string) => splitMath(text).flatMap((segment) => (segment.kind === 'math' ? [[segment.tex, segment.display]] : []));

describe('splitMath', () => {
  it('finds inline and display math with their offsets', () => {
    const text = 'Energy $E = mc^2$ and $$\\sum_i x_i$$ end';
    expect(splitMath(text)).toEqual([
      { kind: 'text', start: 0, end: 7 },
      { kind: 'math', start: 7, end: 17, tex: 'E = mc^2', display: false },
      { kind: 'text', start: 17, end: 22 },
      { kind: 'math', start: 22, end: 36, tex: '\\sum_i x_i', display: true },
      { kind: 'text', start: 36, end: 40 },
    ]);
  });

  it('reads \\( \\) and \\[ \\] delimiters', () => {
    expect(formulas('a \\(x\\) b \\[y\\]')).toEqual([
      ['x', false],
      ['y', true],
    ]);
  });

  it('leaves prices, escaped dollars and unclosed delimiters as text', () => {
    expect(formulas('It costs $5 and $10 today')).toEqual([]);
    expect(formulas('Pay \\$3 now')).toEqual([]);
    expect(formulas('a $ b')).toEqual([]);
    expect(formulas('open $$ never closed')).toEqual([]);
    expect(formulas('$x$5')).toEqual([]);
  });

  it('does not let a formula run across paragraphs', () => {
    expect(formulas('$a\n\nb$')).toEqual([]);
  });

  it('covers the whole text exactly once', () => {
    const text = 'x $a$ y $$b$$ z $c';
    const segments = splitMath(text);
    expect(segments.map((segment) => text.slice(segment.start, segment.end)).join('')).toBe(text);
  });
});

describe('splitMathCapped', () => {
  it('keeps the first formulas as math and the rest, with the text around them, as one text segment', () => {
    const text = 'a $x$ b $y$ c \\(z\\) d';
    expect(splitMathCapped(text, 1)).toEqual([
      { kind: 'text', start: 0, end: 2 },
      { kind: 'math', start: 2, end: 5, tex: 'x', display: false },
      { kind: 'text', start: 5, end: text.length },
    ]);
    expect(splitMathCapped(text, 0)).toEqual([{ kind: 'text', start: 0, end: text.length }]);
    expect(splitMathCapped(text, 3)).toEqual(splitMath(text));
  });
});
