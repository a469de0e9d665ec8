import { ImportFormatError } from '../model/errors.ts';
import { NAME_CHAR, type ScannedDirective } from './bibtex-scan.ts';

/*
 * The BibTeX parser expands `@string` references eagerly by joining text, so a few hundred bytes of
 * chained doublings (`@string{b = a # a}`, `@string{c = b # b}`...) asked for gigabytes and minutes
 * before failing. This pass adds up what the expansion would produce, before the parser runs, and
 * refuses a file whose strings nest too deep or grow far beyond the file itself.
 */

/** Real files nest strings two or three deep (a journal built from an abbreviation). */
export const MAX_STRING_DEPTH = 16;
/** Expansion allowed beyond the file's own size: many entries naming one journal string are normal. */
const FREE_EXPANSION = 4 << 20;

type Part = { literal: number } | { ref: string };

interface Assignment {
  key: string | null;
  parts: Part[];
}

/** Offset just past a `{...}` group opened before `from`. */
function groupEnd(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return to;
}

/** Offset just past a `"..."` value opened before `from` (quotes inside braces do not close it). */
function quoteEnd(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '"' && depth === 0) return i + 1;
  }
  return to;
}

/** The `key = a # "b" # {c}` assignments of one directive's body; a preamble is one bare value. */
function assignments(text: string, from: number, to: number, bareValue: boolean): Assignment[] {
  let current: Assignment | null = bareValue ? { key: null, parts: [] } : null;
  const found: Assignment[] = current ? [current] : [];
  let lastWord: string | null = null;
  let expectValue = bareValue;
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '{' || c === '"') {
      const end = c === '{' ? groupEnd(text, i + 1, to) : quoteEnd(text, i + 1, to);
      if (expectValue && current) current.parts.push({ literal: end - i });
      expectValue = false;
      i = end;
    } else if (c === '=') {
      current = { key: lastWord, parts: [] };
      found.push(current);
      expectValue = true;
      i++;
    } else if (c === '#') {
      expectValue = true;
      i++;
    } else if (c === ',') {
      current = null;
      lastWord = null;
      expectValue = false;
      i++;
    } else if (NAME_CHAR.test(c)) {
      let end = i + 1;
      while (end < to && NAME_CHAR.test(text[end]!)) end++;
      const word = text.slice(i, end);
      if (expectValue && current) current.parts.push(/^\d+$/.test(word) ? { literal: word.length } : { ref: word.toUpperCase() });
      else lastWord = word;
      expectValue = false;
      i = end;
    } else i++;
  }
  return found;
}

/** Throws ImportFormatError when expanding the file's `@string` references would nest or grow too far. */
export function checkStringExpansion(text: string, directives: readonly ScannedDirective[]): void {
  const strings = new Map<string, { size: number; depth: number }>();
  const limit = FREE_EXPANSION + 2 * text.length;
  let total = 0;
  for (const directive of directives) {
    if (directive.type === 'comment') continue;
    for (const { key, parts } of assignments(text, directive.bodyStart, directive.bodyEnd, directive.type === 'preamble')) {
      let size = 0;
      let depth = 0;
      for (const part of parts) {
        if ('literal' in part) {
          size += part.literal;
          continue;
        }
        const known = strings.get(part.ref);
        size += known?.size ?? part.ref.length + 4;
        depth = Math.max(depth, (known?.depth ?? 0) + 1);
      }
      total += size;
      const at = `line ${directive.line}`;
      if (depth > MAX_STRING_DEPTH) {
        throw new ImportFormatError('bibtex', at, `@string references nest more than ${MAX_STRING_DEPTH} deep: the file is too complex to import`);
      }
      if (total > limit) {
        const mb = Math.round(limit / (1 << 20));
        throw new ImportFormatError('bibtex', at, `@string references would expand the file to more than ${mb} MB of text: the file is too complex to import`);
      }
      if (directive.type === 'string' && key) strings.set(key.toUpperCase(), { size, depth });
    }
  }
}
