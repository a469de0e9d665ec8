import katex from 'katex';
import { useLayoutEffect, useRef } from 'react';

/**
 * One formula. katex.render builds DOM nodes itself (no HTML string, no innerHTML); `trust: false`
 * refuses \href, \url, \includegraphics and friends, and `throwOnError: false` shows a bad formula in
 * red instead of failing. `maxExpand` bounds macro expansion so hostile input cannot hang the window.
 */
export function KatexMath({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000 });
    } catch {
      element.textContent = display ? `$$${tex}$$` : `$${tex}$`;
    }
  }, [tex, display]);
  return <span ref={ref} className={display ? 'math math-display' : 'math'} />;
}
