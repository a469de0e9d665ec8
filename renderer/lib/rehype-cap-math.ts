import type { Element, Root, RootContent } from 'hast';
import { MAX_RENDERED_FORMULAS } from './math-segments.ts';

const MATH_CLASSES = new Set(['language-math', 'math-display', 'math-inline']);

function isMath(node: Element): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((c) => MATH_CLASSES.has(String(c)));
}

/**
 * A rehype plugin to run before rehype-katex: past the first `limit` formulas of a note, math
 * elements lose their math classes, so KaTeX leaves them as code showing their TeX.
 */
export function rehypeCapMath({ limit = MAX_RENDERED_FORMULAS }: { limit?: number } = {}) {
  return (tree: Root) => {
    let formulas = 0;
    const stack: Array<Root | RootContent> = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'element' && isMath(node)) {
        formulas += 1;
        if (formulas > limit) {
          const classes = node.properties.className as Array<string | number>;
          node.properties.className = classes.map(String).filter((c) => !MATH_CLASSES.has(c));
        }
        continue;
      }
      // Reversed so that formulas are counted in document order.
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  };
}
