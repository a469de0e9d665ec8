/**
 * "Quoted words": the words adjacent and in order within one field, after the analysis used for
 * indexing (so "reward model" matches "Reward-Model" and "reward models"). Indexes keep no
 * positions, so candidates that hold every word are confirmed by analysing their field text again:
 * a regular expression rejects most of them first (phraseProbe), and the rest are numbered with the
 * token table indexing uses, which analyses each distinct token once per process, not once per text.
 */
import { foldToken, forEachTerm } from '../analysis/text-terms.ts';
import type { SearchField } from '../analysis/fields.ts';
import { STOP as STOP_TERM, sharedTokenTable } from '../analysis/token-table.ts';

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
  /** A cheap test every text holding the phrase passes (see phraseProbe). */
  probe: RegExp;
  /** `fulltext:"…"`: inside the kept PDFs only (`fields` is empty). */
  fulltext?: boolean;
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
  return { fields, keys, terms: [...new Set(keys.filter((key) => key !== STOP))], word: text, probe: phraseProbe(keys) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Re-analysing a text costs a stemmer lookup per word; most candidates of a phrase of common words
 * fail, and a regular expression over the folded, lower-cased text rejects them first. Lunr's
 * (Porter) stemmer only rewrites the last two letters of what it keeps ("happy" -> "happi",
 * "possibility" -> "possibl"), so each word of a match begins with its term minus three letters;
 * between words come separators and punctuation-only tokens; a stop word is any token. A necessary
 * condition only: what passes is confirmed by containsPhrase.
 */
export function phraseProbe(keys: readonly string[]): RegExp {
  const separator = String.raw`[\s-]+(?:[^\s\p{L}\p{N}-]+[\s-]+)*`;
  const start = (key: string) => escape(key.slice(0, Math.max(1, key.length - 3)));
  const word = (key: string) => (key === STOP ? String.raw`[^\s-]+` : String.raw`[^\s\p{L}\p{N}-]*${start(key)}`);
  // The first word needs no leading punctuation (the search is not anchored), which lets the
  // engine look for its letters directly; every word but the last runs to the next separator.
  const parts = keys.map((key, i) => (i === 0 ? start(key) : word(key)));
  return new RegExp(parts.join(String.raw`[^\s-]*${separator}`), 'iu');
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** The probe on the text as it is (case-insensitive), and folded when it has letters outside ASCII. */
function mayContain(text: string, probe: RegExp): boolean {
  return probe.test(text) || (NON_ASCII.test(text) && probe.test(foldToken(text.toLowerCase())));
}

/** Whether `keys` occur as a contiguous run of `text`'s analysed words. */
export function containsPhrase(text: string, keys: readonly string[], probe: RegExp = phraseProbe(keys)): boolean {
  if (text === '' || !mayContain(text, probe)) return false;
  const table = sharedTokenTable();
  const terms = table.termsOf(text.toLowerCase());
  const wanted: number[] = [];
  for (const key of keys) {
    const number = key === STOP ? STOP_TERM : table.numberOfTerm(key);
    // A word the text's tokens never produced: the text cannot hold the phrase.
    if (number === undefined) return false;
    wanted.push(number);
  }
  // Punctuation-only tokens (the empty term) are not words of a phrase.
  const empty = table.numberOfTerm('') ?? -2;
  let count = 0;
  for (let i = 0; i < terms.length; i++) if (terms[i] !== empty) terms[count++] = terms[i]!;
  const first = wanted[0];
  outer: for (let i = 0; i + wanted.length <= count; i++) {
    if (terms[i] !== first) continue;
    for (let k = 1; k < wanted.length; k++) if (terms[i + k] !== wanted[k]) continue outer;
    return true;
  }
  return false;
}
