/**
 * Finds the LaTeX math in plain text (abstracts, titles): `$$...$$` and `\[...\]` as display math,
 * `$...$` and `\(...\)` inline. Offsets stay those of the original text so search-match positions,
 * which the core reports against the raw field, still line up.
 *
 * `$` follows Pandoc's rule: the opening `$` is followed by a non-space, the closing `$` is preceded
 * by a non-space and not followed by a digit — so "costs $5 and $10" stays text.
 */
export type MathSegment =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'math'; start: number; end: number; tex: string; display: boolean };

/** Longest formula looked for; keeps a stray `$` in a huge text from costing a scan of all of it. */
const MAX_FORMULA = 2000;

function delimited(text: string, at: number, open: string, close: string, display: boolean): MathSegment | null {
  if (!text.startsWith(open, at)) return null;
  const from = at + open.length;
  const end = text.indexOf(close, from);
  if (end <= from || end - from > MAX_FORMULA) return null;
  return { kind: 'math', start: at, end: end + close.length, tex: text.slice(from, end), display };
}

function inlineDollar(text: string, at: number): MathSegment | null {
  const first = text[at + 1];
  if (text[at] !== '$' || first === undefined || /\s|\$/.test(first)) return null;
  const limit = Math.min(text.length, at + 1 + MAX_FORMULA);
  for (let i = at + 1; i < limit; i += 1) {
    const ch = text[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (ch === '\n' && text[i + 1] === '\n') return null;
    if (ch !== '$') continue;
    if (/\s/.test(text[i - 1] ?? ' ') || /\d/.test(text[i + 1] ?? '')) return null;
    return { kind: 'math', start: at, end: i + 1, tex: text.slice(at + 1, i), display: false };
  }
  return null;
}

function mathAt(text: string, at: number): MathSegment | null {
  return (
    delimited(text, at, '$$', '$$', true) ??
    delimited(text, at, '\\[', '\\]', true) ??
    delimited(text, at, '\\(', '\\)', false) ??
    inlineDollar(text, at)
  );
}

export function splitMath(text: string): MathSegment[] {
  const segments: MathSegment[] = [];
  let textStart = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      i += 2;
      continue;
    }
    const math = ch === '$' || ch === '\\' ? mathAt(text, i) : null;
    if (!math) {
      i += text.startsWith('$$', i) ? 2 : 1;
      continue;
    }
    if (textStart < math.start) segments.push({ kind: 'text', start: textStart, end: math.start });
    segments.push(math);
    i = math.end;
    textStart = i;
  }
  if (textStart < text.length) segments.push({ kind: 'text', start: textStart, end: text.length });
  return segments;
}

/**
 * Formulas rendered with KaTeX per field; the rest stay as their TeX text. An abstract of thousands
 * of `$…$` once blocked the window for 40 s on every start (the selected paper is restored).
 */
export const MAX_RENDERED_FORMULAS = 200;

/**
 * KaTeX options for untrusted TeX: `trust: false` refuses \href, \url, \includegraphics and
 * friends; `maxExpand` bounds macro expansion and `maxSize` (in em) caps sizes such as
 * \rule{1000em}{1000em}, so hostile input can neither hang the window nor cover it.
 */
export const KATEX_OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000, maxSize: 20 } as const;

/** `splitMath`, with math past the first `limit` formulas turned back into text. */
export function splitMathCapped(text: string, limit: number = MAX_RENDERED_FORMULAS): MathSegment[] {
  let formulas = 0;
  const segments: MathSegment[] = [];
  for (const segment of splitMath(text)) {
    const asText = segment.kind === 'math' && ++formulas > limit;
    const last = segments.at(-1);
    if (!asText && segment.kind === 'math') segments.push(segment);
    else if (last?.kind === 'text' && last.end === segment.start) last.end = segment.end;
    else segments.push({ kind: 'text', start: segment.start, end: segment.end });
  }
  return segments;
}
