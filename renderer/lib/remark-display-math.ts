import type { InlineMath } from 'mdast-util-math';
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { splitMath } from './math-segments.ts';

const DISPLAY = ['language-math', 'math-display'];
const INLINE = ['language-math', 'math-inline'];

function mathNode(tex: string, display: boolean): InlineMath {
  return {
    type: 'inlineMath',
    value: tex,
    data: { hName: 'code', hProperties: { className: display ? DISPLAY : INLINE }, hChildren: [{ type: 'text', value: tex }] },
  };
}

// CommonMark backslash escapes, undone in the text around a formula found in the raw source.
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** `\[...\]` and `\(...\)` in one text node, read from the source (the parser has eaten the backslashes). */
function splitTextNode(node: Text, source: string): PhrasingContent[] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const raw = source.slice(start, end);
  if (!raw.includes('\\[') && !raw.includes('\\(')) return null;
  const segments = splitMath(raw);
  const math = segments.filter((segment) => segment.kind === 'math' && raw[segment.start] === '\\');
  if (math.length === 0) return null;
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const segment of math) {
    if (segment.kind !== 'math') continue;
    if (last < segment.start) out.push({ type: 'text', value: unescape(raw.slice(last, segment.start)) });
    out.push(mathNode(segment.tex, segment.display));
    last = segment.end;
  }
  if (last < raw.length) out.push({ type: 'text', value: unescape(raw.slice(last)) });
  return out;
}

/**
 * A remark plugin to run after remark-math. remark-math renders `$$x$$` inside a line as inline
 * math and does not know `\[x\]` or `\(x\)`; here `$$...$$` and `\[...\]` become display math and
 * `\(...\)` inline math, as in abstracts. Code spans and blocks are other node types, left alone.
 */
export function remarkDisplayMath() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const stack: Parent[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop();
      if (!parent) break;
      const children: Parent['children'] = [];
      for (const child of parent.children) {
        if (child.type === 'inlineMath') {
          const offset = child.position?.start.offset;
          if (offset !== undefined && source.startsWith('$$', offset)) children.push(mathNode(child.value, true));
          else children.push(child);
        } else if (child.type === 'text') {
          children.push(...(splitTextNode(child, source) ?? [child]));
        } else {
          if ('children' in child) stack.push(child);
          children.push(child);
        }
      }
      parent.children = children as typeof parent.children;
    }
  };
}
