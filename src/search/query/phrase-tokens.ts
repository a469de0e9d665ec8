/**
 * A segment's field as the term numbers of its words, in order, built the first time a phrase is
 * looked for in that field: confirming a phrase on a paper is then a scan of a few hundred numbers
 * instead of a regular expression and a re-analysis over its text (at 50,000 papers, "language
 * model" has ~25,000 candidates). Segments never change, so this is built once per segment, by
 * the search worker in slices after loading (segment-phrase-tokens.ts), and dropped with the
 * segment; until then phrases are confirmed on the text. Costs 4 bytes per word.
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

/** Numbers the lines of a field one after the other (so the work can be sliced). */
export class FieldTokensBuilder {
  private readonly starts: Uint32Array;
  private terms: Int32Array;
  private used = 0;
  private line = 0;

  constructor(
    count: number,
    private readonly table: TokenTable,
  ) {
    this.starts = new Uint32Array(count + 1);
    this.terms = new Int32Array(Math.max(1024, count * 64));
  }

  add(text: string): void {
    this.starts[this.line++] = this.used;
    const numbers = this.table.termsOf(text.toLowerCase());
    // Punctuation-only tokens (the empty term) are not words of a phrase.
    const empty = this.table.numberOfTerm('') ?? -2;
    if (this.used + numbers.length > this.terms.length) {
      const grown = new Int32Array(Math.max(this.terms.length * 2, this.used + numbers.length));
      grown.set(this.terms.subarray(0, this.used));
      this.terms = grown;
    }
    for (let i = 0; i < numbers.length; i++) if (numbers[i] !== empty) this.terms[this.used++] = numbers[i]!;
  }

  finish(): FieldTokens {
    this.starts[this.line] = this.used;
    return { table: this.table, starts: this.starts, terms: this.terms.slice(0, this.used) };
  }
}

/** Numbers `count` lines' texts; `table`: one table for every field of a segment. */
export function buildFieldTokens(count: number, textOf: (line: number) => string, table: TokenTable = sharedTokenTable()): FieldTokens {
  const builder = new FieldTokensBuilder(count, table);
  for (let line = 0; line < count; line++) builder.add(textOf(line));
  return builder.finish();
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
