import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { trimmedBounds, trimWildcardWord, trimWord, unicodeTrimmer } from '../../src/search/index/lunr-internals.ts';
import { forEachTerm, termOf } from '../../src/search/analysis/text-terms.ts';
import { seededRandom as random } from '../importers/garbage.ts';

// Word characters, punctuation, non-ASCII letters and digits, combining marks, lone surrogates,
// astral letters and symbols and white space: every class the trimmer could get wrong.
const ALPHABET = ['*', 'a', 'Z', '0', '9', '_', '-', '.', ',', '(', ')', "'", '"', '$', 'é', 'ß', 'Ł', 'ж', '日', '٣', '\u0301', '\u093f', '\ud800', '\udc00', '😀', '𝔘', '𐒠', ' ', '\n', '\t', '\u00a0', '\u2028'];
const ASCII = ALPHABET.filter((char) => /^[\x00-\x7f]$/.test(char));

function randomWord(next: () => number, alphabet = ALPHABET): string {
  const length = Math.floor(next() * 9);
  let word = '';
  for (let i = 0; i < length; i++) word += alphabet[Math.floor(next() * alphabet.length)];
  return word;
}

/** The rule, as regular expressions (fine on short strings; quadratic on long runs, hence trimWord). */
const NOT_WORD_LEAD = /^[^\p{L}\p{N}\p{M}_]+/u;
const NOT_WORD_TRAIL = /[^\p{L}\p{N}\p{M}_]+$/u;
const regexTrim = (text: string): string => text.replace(NOT_WORD_LEAD, '').replace(NOT_WORD_TRAIL, '');

const lunrTrim = (text: string): string => lunr.trimmer(new lunr.Token(text, {})).toString();

const stockPipeline = new lunr.Pipeline();
stockPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

describe('the Unicode trimmer', () => {
  it('keeps letters, digits and marks of every script and trims everything else, for every short string', () => {
    const next = random(9);
    for (let i = 0; i < 20_000; i++) {
      const word = randomWord(next);
      expect(trimWord(word), JSON.stringify(word)).toBe(regexTrim(word));
      expect(String(unicodeTrimmer(new lunr.Token(word, {}), 0, []))).toBe(regexTrim(word));
      expect(trimWildcardWord(word), JSON.stringify(word)).toBe(word.replace(/^[^\p{L}\p{N}\p{M}_*]+|[^\p{L}\p{N}\p{M}_*]+$/gu, ''));
    }
  });

  it('never trims a letter outside ASCII away', () => {
    expect(trimWord('Łukasz,')).toBe('Łukasz');
    expect(trimWord('(Zoë)')).toBe('Zoë');
    expect(trimWord('«日本語»')).toBe('日本語');
    expect(trimWord('हिंदी।')).toBe('हिंदी');
    expect(trimWord('𝔘nicode😀')).toBe('𝔘nicode');
    expect(trimWord('😀')).toBe('');
  });

  it("gives lunr.trimmer's output and Lunr's index terms on ASCII text, so ASCII libraries index as before", () => {
    const next = random(17);
    for (let i = 0; i < 20_000; i++) {
      const word = randomWord(next, ASCII);
      expect(trimWord(word), JSON.stringify(word)).toBe(lunrTrim(word));
      expect(termOf(word.toLowerCase()), JSON.stringify(word)).toBe(stockPipeline.runString(word.toLowerCase())[0] ?? null);
    }
    for (const word of ['(diffusion,', 'the', '...', 'transformers)', '"llms"', '_x_']) {
      expect(termOf(word)).toBe(stockPipeline.runString(word)[0] ?? null);
    }
  });

  it('finds the word inside a token by the same rule, surrogate pairs whole', () => {
    const next = random(23);
    for (let i = 0; i < 5_000; i++) {
      const word = randomWord(next);
      const lead = NOT_WORD_LEAD.exec(word)?.[0].length ?? 0;
      const trail = NOT_WORD_TRAIL.exec(word)?.[0].length ?? 0;
      const [myLead, myTrail] = trimmedBounds(word);
      if (lead >= word.length) expect(myLead, JSON.stringify(word)).toBe(word.length);
      else expect([myLead, myTrail], JSON.stringify(word)).toEqual([lead, trail]);
    }
  });

  it('analyses a word with a long run of punctuation, emoji or accented letters at once', () => {
    // A backtracking /\W+$/ retries from every character of the run: 200 KB took ~20 s, 1.15 MB ~700 s.
    const runs: Array<[run: string, last: string]> = [
      ['—'.repeat(200_000), 'x'],
      ['😀'.repeat(100_000), 'x'],
      ['é'.repeat(200_000), `${'e'.repeat(200_000)}x`],
    ];
    for (const [run, last] of runs) {
      const started = performance.now();
      const terms: Array<string | null> = [];
      forEachTerm(`intro a${run}b ${run}x outro`, (term) => terms.push(term));
      const ms = performance.now() - started;
      console.log(`terms of words with a ${run.length}-unit run of ${[...run][0]}: ${ms.toFixed(1)} ms`);
      expect(terms).toHaveLength(4);
      expect(terms[2] === last, `the word ending in x, after a run of ${[...run][0]}`).toBe(true);
      expect(ms).toBeLessThan(5_000);
    }
  });
});
