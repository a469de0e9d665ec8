import { ImportFormatError } from '../model/errors.ts';
import { lineCounter } from './line-counter.ts';

/*
 * A linear pass over the BibTeX structure before the real parser runs. The parser recovers from
 * every error and keeps going, recomputing line numbers each time, which takes minutes on a large
 * file that is not BibTeX at all; this pass stops at the first broken entry, in one sweep, with
 * its line. Its rules follow the parser's: outside entries `%` starts a comment and everything but
 * `@` is ignored; inside, `\` escapes the next character and braces must balance.
 */

export interface ScannedDirective {
  /** Lower-cased: `article`, `string`, `comment`... */
  type: string;
  line: number;
  /** Offsets of the body between the delimiters (empty for a line comment). */
  bodyStart: number;
  bodyEnd: number;
}

export const NAME_CHAR = /[\p{L}\p{N}+'&;_:\\./-]/u;

export function scanBibtex(text: string): ScannedDirective[] {
  const found: ScannedDirective[] = [];
  let i = 0;
  const lineAt = lineCounter(text);
  const fail = (offset: number, detail: string): never => {
    throw new ImportFormatError('bibtex', `line ${lineAt(offset)}`, detail);
  };
  for (;;) {
    while (i < text.length && text[i] !== '@') {
      if (text[i] === '%') {
        const end = text.indexOf('\n', i);
        i = end === -1 ? text.length : end;
      } else i++;
    }
    if (i >= text.length) return found;
    const start = i++;
    const nameStart = i;
    while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
    const type = text.slice(nameStart, i).toLowerCase();
    if (!type) fail(start, `"@" must be followed by an entry type, as in @article{key, ...}`);
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const open = text[i];
    let bodyStart = i;
    if (type === 'comment' && open !== '{') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      bodyStart = i;
    } else if (open === '{' || open === '(') {
      bodyStart = i + 1;
      i = closeOf(text, i + 1, open === '{' ? '}' : ')');
      if (i < 0) fail(start, `@${type} is never closed: a "${open === '{' ? '}' : ')'}" is missing, or the file is cut off`);
    } else {
      fail(start, `expected "{" after "@${type}", found ${JSON.stringify(text.slice(i, i + 20))}`);
    }
    found.push({ type, line: lineAt(start), bodyStart, bodyEnd: Math.max(bodyStart, i - 1) });
  }
}

/** Offset just past the character that closes a body opened before `from`, or -1. */
function closeOf(text: string, from: number, close: '}' | ')'): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return close === '}' ? i + 1 : -1;
      depth--;
    } else if (depth === 0 && close === ')') {
      if (c === '"') quoted = !quoted;
      else if (c === ')' && !quoted) return i + 1;
    }
  }
  return -1;
}
