/**
 * "Quoted words": the words adjacent and in order within one field, after the analysis used for
 * indexing (so "reward model" matches "Reward-Model" and "reward models"). Indexes keep no
 * positions, so candidates that hold every word are confirmed by analysing their field text again.
 */
import { forEachTerm } from '../text-terms.ts';
import type { SearchField } from '../fields.ts';

/** Stands for any stop word: "state of the art" matches wherever those words are adjacent. */
export const STOP = '\u0000';

export interface Phrase {
  fields: SearchField[];
  /** The phrase's analysed words in order; STOP for a stop word. */
  keys: string[];
  /** Its distinct index terms: every candidate holds all of them. */
  terms: string[];
  /** As typed, for messages. */
  word: string;
}

/** Analysed words of a text in order; punctuation-only tokens (the empty term) are skipped. */
export function phraseKeys(text: string): string[] {
  const keys: string[] = [];
  forEachTerm(text, (term) => {
    if (term !== '') keys.push(term ?? STOP);
  });
  return keys;
}

export function makePhrase(text: string, fields: SearchField[]): Phrase | null {
  const keys = phraseKeys(text);
  while (keys[0] === STOP) keys.shift();
  while (keys[keys.length - 1] === STOP) keys.pop();
  if (keys.length === 0) return null;
  return { fields, keys, terms: [...new Set(keys.filter((key) => key !== STOP))], word: text };
}

/** Whether `keys` occur as a contiguous run of `text`'s analysed words. */
export function containsPhrase(text: string, keys: readonly string[]): boolean {
  if (text === '') return false;
  const words = phraseKeys(text);
  const first = keys[0];
  outer: for (let i = 0; i + keys.length <= words.length; i++) {
    if (words[i] !== first) continue;
    for (let k = 1; k < keys.length; k++) if (words[i + k] !== keys[k]) continue outer;
    return true;
  }
  return false;
}
