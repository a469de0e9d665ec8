import katex from 'katex';
import { useLayoutEffect, useRef } from 'react';
import { KATEX_OPTIONS } from '../lib/math-segments.ts';
import '../styles/math.css';

/**
 * One formula. katex.render builds DOM nodes itself (no HTML string, no innerHTML); a bad formula
 * shows in red instead of failing (see KATEX_OPTIONS for the limits on hostile TeX).
 */
export function KatexMath({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    try {
      katex.render(tex, element, { ...KATEX_OPTIONS, displayMode: display });
    } catch {
      element.textContent = display ? `$$${tex}$$` : `$${tex}$`;
    }
  }, [tex, display]);
  return <span ref={ref} className={display ? 'math math-display' : 'math'} />;
}
