/**
 * Numbers the tokens of a text as lunr.tokenizer cuts them, without making a string of each one:
 * the text is scanned once, each token hashed as it is read and looked up in an open-addressing
 * table by comparing characters in place. Only a token seen for the first time becomes a string
 * and goes through Lunr's pipeline (via termOf). The table lives as long as the process (it is the
 * pipeline cache of indexing), so indexing an abstract is ~250 table hits.
 */
import { isSeparator, termOf } from './text-terms.ts';

/** A stop word: Lunr drops the token. */
export const STOP = -1;

/** Beyond this many distinct tokens the shared table starts over, bounding its memory. */
const TOKEN_LIMIT = 1_000_000;

export class TokenTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private tokens: string[] = [];
  private hashes: number[] = [];
  /** Token number -> term number (or STOP). */
  private termOfToken: number[] = [];
  private readonly termNumbers = new Map<string, number>();
  /** The distinct index terms, by term number. */
  readonly terms: string[] = [];

  private termNumber(token: string): number {
    const term = termOf(token);
    if (term === null) return STOP;
    let number = this.termNumbers.get(term);
    if (number === undefined) {
      number = this.terms.length;
      this.terms.push(term);
      this.termNumbers.set(term, number);
    }
    return number;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, token) => {
      let slot = hash & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = token;
    });
    this.slots = slots;
  }

  /** The number of an index term this table has met, if it has. */
  numberOfTerm(term: string): number | undefined {
    return this.termNumbers.get(term);
  }

  get tokenCount(): number {
    return this.tokens.length;
  }

  /** The term number of `text.slice(start, end)` (already lowercased). */
  private lookup(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const token = this.slots[slot]!;
      if (token === -1) {
        const value = text.slice(start, end);
        const number = this.tokens.length;
        this.tokens.push(value);
        this.hashes.push(hash);
        this.termOfToken.push(this.termNumber(value));
        this.slots[slot] = number;
        if (this.tokens.length * 2 > this.slots.length) this.grow();
        return this.termOfToken[number]!;
      }
      if (this.hashes[token] !== hash) continue;
      const known = this.tokens[token]!;
      if (known.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return this.termOfToken[token]!;
    }
  }

  private buffer = new Int32Array(1024);

  /**
   * The term numbers (STOP for stop words) of the tokens of a lowercased text, in order: a view of a
   * buffer that the next call reuses.
   */
  termsOf(lower: string): Int32Array {
    const length = lower.length;
    let count = 0;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= length; i++) {
      const code = i < length ? lower.charCodeAt(i) : 32;
      if (isSeparator(code)) {
        if (start >= 0) {
          if (count === this.buffer.length) {
            const grown = new Int32Array(count * 2);
            grown.set(this.buffer);
            this.buffer = grown;
          }
          this.buffer[count++] = this.lookup(lower, start, i, hash);
        }
        start = -1;
        continue;
      }
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    return this.buffer.subarray(0, count);
  }
}

let shared = new TokenTable();

/** The process's table; a new one once it holds too many tokens (term numbers then start over). */
export function sharedTokenTable(): TokenTable {
  if (shared.tokenCount > TOKEN_LIMIT) shared = new TokenTable();
  return shared;
}
