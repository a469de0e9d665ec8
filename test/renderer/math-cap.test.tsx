// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarkdownPreview } from '../../renderer/components/MarkdownPreview.tsx';
import { MathText } from '../../renderer/components/MathText.tsx';
import { MAX_RENDERED_FORMULAS } from '../../renderer/lib/math-segments.ts';

const FORMULAS = 5_000;
const abstract = Array.from({ length: FORMULAS }, (_, i) => `term $x_{${i}}$ then`).join(' ');

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe('math in a field with thousands of formulas', () => {
  it(`renders at most ${MAX_RENDERED_FORMULAS} formulas of an abstract with KaTeX; the rest stay as TeX text`, () => {
    const { container } = timed(`abstract with ${FORMULAS} formulas`, () => render(<MathText text={abstract} />));
    expect(container.querySelectorAll('.katex')).toHaveLength(MAX_RENDERED_FORMULAS);
    expect(container.textContent).toContain(`term $x_{${MAX_RENDERED_FORMULAS}}$ then`);
    expect(container.textContent).toContain(`term $x_{${FORMULAS - 1}}$ then`);
    expect(container.textContent).not.toContain(`$x_{${MAX_RENDERED_FORMULAS - 1}}$`);
  });

  it(`renders at most ${MAX_RENDERED_FORMULAS} formulas of a note with KaTeX`, () => {
    const { container } = timed(`note with ${FORMULAS} formulas`, () => render(<MarkdownPreview text={abstract} />));
    expect(container.querySelectorAll('.katex')).toHaveLength(MAX_RENDERED_FORMULAS);
    expect(container.textContent).toContain(`x_{${FORMULAS - 1}}`);
    const display = `${'$$\ny^2\n$$\n\n'.repeat(MAX_RENDERED_FORMULAS)}$$\nz^{\\text{last}}\n$$\n`;
    const notes = render(<MarkdownPreview text={display} />).container;
    expect(notes.querySelectorAll('.katex-display')).toHaveLength(MAX_RENDERED_FORMULAS);
    expect(notes.textContent).toContain('z^{\\text{last}}');
  });

  it('caps user-given sizes: \\rule{1000em}{1000em} is no bigger than 20em', () => {
    const { container } = render(<MathText text={'a $\\rule{1000em}{1000em}$ b'} />);
    const rule = container.querySelector('.rule') as HTMLElement | null;
    expect(rule).not.toBeNull();
    const sizes = [rule!.style.borderRightWidth, rule!.style.borderTopWidth, rule!.style.height].filter(Boolean);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(parseFloat(size)).toBeLessThanOrEqual(20);
  });
});
