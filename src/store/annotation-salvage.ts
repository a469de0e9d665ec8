import { ANNOTATION_KEYS } from './annotation-schema.ts';

/*
 * When annotations.json does not parse (truncated, a block of zeros after a crash, a bad hand edit),
 * the entries are still there as text: `"2508.07662": { "starred": true, ... }`. This scan finds every
 * `"key": { ... }` whose object parses on its own and looks like an annotation.
 */

/** An annotation object is a few hundred characters; a longer candidate is an enclosing object. */
const MAX_ENTRY_CHARS = 100_000;

/**
 * End index (inclusive) of the JSON string starting at `start`, or -1. A raw control character cannot
 * occur inside a JSON string, so meeting one means we are out of sync: give up on this token and let
 * the scan resume at the next line.
 */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c) i++;
    else if (c < 0x20) return -1;
  }
  return -1;
}

/** Index of the `}` closing the object that opens at `start`, or -1. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + MAX_ENTRY_CHARS);
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function looksLikeAnnotation(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => ANNOTATION_KEYS.has(key));
}

/** Raw annotation objects by paper id, in file order (a later duplicate wins, as in JSON.parse). */
export function salvageAnnotationEntries(text: string): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) {
      i++;
      continue;
    }
    let next = keyEnd + 1;
    const colon = skipSpace(text, keyEnd + 1);
    if (text[colon] === ':') {
      const open = skipSpace(text, colon + 1);
      const close = text[open] === '{' ? objectEnd(text, open) : -1;
      if (close > 0) {
        try {
          const key: unknown = JSON.parse(text.slice(i, keyEnd + 1));
          const value: unknown = JSON.parse(text.slice(open, close + 1));
          if (typeof key === 'string' && looksLikeAnnotation(value)) {
            found.delete(key);
            found.set(key, value);
            next = close + 1;
          }
        } catch {
          // Not a whole entry; keep scanning inside it.
        }
      }
    }
    i = next;
  }
  return found;
}
