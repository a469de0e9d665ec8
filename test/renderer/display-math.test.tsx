// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarkdownPreview } from '../../renderer/components/MarkdownPreview.tsx';
import { MathText } from '../../renderer/components/MathText.tsx';

/** The TeX annotation KaTeX keeps of each formula, split into display and inline ones. */
function formulas(container: HTMLElement) {
  const tex = (element: Element) => element.querySelector('annotation')?.textContent ?? '';
  const display = [...container.querySelectorAll('.katex-display')].map(tex);
  const inline = [...container.querySelectorAll('.katex')].filter((element) => !element.closest('.katex-display')).map(tex);
  return { display, inline };
}

describe('display and inline math', () => {
  it('renders $$…$$ and \\[…\\] in a note as display math, $…$ and \\(…\\) inline', () => {
    const note = 'Energy $E$ and $$\\sum_i x_i$$ in a line.\n\nBracketed \\[\\int f\\] and \\(g(x)\\) too.\n\n$$\ny = 1\n$$\n';
    const { container } = render(<MarkdownPreview text={note} />);
    expect(formulas(container)).toEqual({ display: ['\\sum_i x_i', '\\int f', 'y = 1'], inline: ['E', 'g(x)'] });
    expect(container.textContent).toContain('Bracketed ');
    expect(container.textContent).toContain(' too.');
  });

  it('leaves \\[…\\] in code alone and keeps the text around a formula as written', () => {
    const note = 'Code `\\[x\\]` stays, and 2 \\* 3 \\[y\\] \\& more.\n\n```\n\\(z\\)\n```\n';
    const { container } = render(<MarkdownPreview text={note} />);
    expect(formulas(container)).toEqual({ display: ['y'], inline: [] });
    expect(container.querySelector('p code')?.textContent).toBe('\\[x\\]');
    expect(container.querySelector('pre code')?.textContent).toBe('\\(z\\)\n');
    expect(container.textContent).toContain('and 2 * 3 ');
    expect(container.textContent).toContain(' & more.');
  });

  it('renders $$…$$ and \\[…\\] in an abstract as display math, inline math inline', () => {
    const { container } = render(<MathText text={'We show $$a^2 + b^2$$ with $n$ and \\[c\\] or \\(d\\).'} />);
    expect(formulas(container)).toEqual({ display: ['a^2 + b^2', 'c'], inline: ['n', 'd'] });
    for (const display of container.querySelectorAll('.katex-display')) expect(display.closest('.math-display')).not.toBeNull();
  });
});
