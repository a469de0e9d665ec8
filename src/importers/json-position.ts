/**
 * Finds where JSON text stops being valid. Node 20's JSON.parse names no position for an
 * unexpected token, and users need a line and column to fix a file. Iterative (an explicit stack),
 * so deeply nested garbage cannot overflow the call stack; only run after JSON.parse has failed.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

type State = 'value' | 'array-start' | 'object-start' | 'key' | 'colon' | 'after';

/** Offset of the first character that makes the text invalid JSON (text.length if it ends early), or -1. */
export function jsonErrorOffset(text: string): number {
  const stack: ('[' | '{')[] = [];
  let state: State = 'value';
  let i = 0;
  const skipString = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return false;
        i = ESCAPE.lastIndex;
      } else i++;
    }
    return false;
  };
  const skipToken = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  for (;;) {
    while (i < text.length && /[ \t\n\r]/.test(text[i]!)) i++;
    if (i >= text.length) return stack.length === 0 && state === 'after' ? -1 : text.length;
    const ch = text[i]!;
    if (state === 'after') {
      const top = stack.at(-1);
      if (top === undefined) return i;
      if (ch === ',') state = top === '[' ? 'value' : 'key';
      else if ((ch === ']' && top === '[') || (ch === '}' && top === '{')) stack.pop();
      else return i;
      i++;
    } else if (state === 'colon') {
      if (ch !== ':') return i;
      state = 'value';
      i++;
    } else if (state === 'key' || (state === 'object-start' && ch !== '}')) {
      if (ch !== '"' || !skipString()) return i;
      state = 'colon';
    } else if ((state === 'object-start' && ch === '}') || (state === 'array-start' && ch === ']')) {
      stack.pop();
      state = 'after';
      i++;
    } else if (ch === '[' || ch === '{') {
      stack.push(ch);
      state = ch === '[' ? 'array-start' : 'object-start';
      i++;
    } else {
      const start = i;
      const ok = ch === '"' ? skipString() : skipToken(/[-\d]/.test(ch) ? NUMBER : LITERAL);
      if (!ok) return Math.max(start, Math.min(i, text.length));
      state = 'after';
    }
  }
}

/** `line L, column C` (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
