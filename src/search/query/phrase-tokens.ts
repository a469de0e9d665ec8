/**
 * A segment's field as the term numbers of its words, in order, built the first time a phrase is
 * looked for in that field: confirming a phrase on a paper is then a scan of a few hundred numbers
 * instead of a regular expression and a re-analysis over its text (at 50,000 papers, "language
 * model" has ~25,000 candidates). Segments never change, so this is built once per segment and
 * field, and dropped with the segment. Costs 4 bytes per word of the field.
 */
import { sharedTokenTable, STOP, type TokenTable } from '../analysis/token-table.ts';
import type { Phrase } from './phrase.ts';
import { STOP as STOP_KEY } from './phrase.ts';

export interface FieldTokens {
  /** The table that numbered them (the shared one may start over later). */
  table: TokenTable;
  /** Line i's words are `terms[starts[i]]` up to `terms[starts[i + 1]]`. */
  starts: Uint32Array;
  terms: Int32Array;
}

/** Numbers `count` lines' texts; `table`: one table for every field of a segment. */
export function buildFieldTokens(count: number, textOf: (line: number) => string, table: TokenTable = sharedTokenTable()): FieldTokens {
  const starts = new Uint32Array(count + 1);
  let terms = new Int32Array(Math.max(1024, count * 64));
  let used = 0;
  for (let line = 0; line < count; line++) {
    starts[line] = used;
    const numbers = table.termsOf(textOf(line).toLowerCase());
    // Punctuation-only tokens (the empty term) are not words of a phrase.
    const empty = table.numberOfTerm('') ?? -2;
    if (used + numbers.length > terms.length) {
      const grown = new Int32Array(Math.max(terms.length * 2, used + numbers.length));
      grown.set(terms.subarray(0, used));
      terms = grown;
    }
    for (let i = 0; i < numbers.length; i++) if (numbers[i] !== empty) terms[used++] = numbers[i]!;
  }
  starts[count] = used;
  return { table, starts, terms: terms.slice(0, used) };
}

/** The phrase's keys as this table numbers them; null when a word never occurs in the segment. */
export function phraseNumbers(tokens: FieldTokens, phrase: Phrase): Int32Array | null {
  const numbers = new Int32Array(phrase.keys.length);
  for (const [i, key] of phrase.keys.entries()) {
    const number = key === STOP_KEY ? STOP : tokens.table.numberOfTerm(key);
    if (number === undefined) return null;
    numbers[i] = number;
  }
  return numbers;
}

export function lineHoldsPhrase(tokens: FieldTokens, line: number, wanted: Int32Array): boolean {
  const { terms } = tokens;
  const end = tokens.starts[line + 1]! - wanted.length;
  const first = wanted[0];
  outer: for (let i = tokens.starts[line]!; i <= end; i++) {
    if (terms[i] !== first) continue;
    for (let k = 1; k < wanted.length; k++) if (terms[i + k] !== wanted[k]) continue outer;
    return true;
  }
  return false;
}
