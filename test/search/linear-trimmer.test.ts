import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { linearTrimmer, trimmedBounds, trimWildcardWord, trimWord } from '../../src/search/lunr-internals.ts';
import { forEachTerm, termOf } from '../../src/search/text-terms.ts';
import { seededRandom as random } from '../importers/garbage.ts';

// Word characters, punctuation, non-ASCII letters and digits, combining marks, lone surrogates,
// astral characters and white space: every class the two trimmers could disagree on.
const ALPHABET = ['*', 'a', 'Z', '0', '9', '_', '-', '.', ',', '(', ')', "'", '"', '$', 'é', 'ß', 'ж', '日', '٣', '\u0301', '\ud800', '\udc00', '😀', ' ', '\n', '\t', '\u00a0', '\u2028'];

function randomWord(next: () => number): string {
  const length = Math.floor(next() * 9);
  let word = '';
  for (let i = 0; i < length; i++) word += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return word;
}

const lunrTrim = (text: string): string => lunr.trimmer(new lunr.Token(text, {})).toString();

const stockPipeline = new lunr.Pipeline();
stockPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

describe('the linear trimmer', () => {
  it("gives lunr.trimmer's output for every short string", () => {
    const next = random(9);
    for (let i = 0; i < 20_000; i++) {
      const word = randomWord(next);
      expect(trimWord(word), JSON.stringify(word)).toBe(lunrTrim(word));
      expect(String(linearTrimmer(new lunr.Token(word, {}), 0, []))).toBe(lunrTrim(word));
      expect(trimWildcardWord(word), JSON.stringify(word)).toBe(word.replace(/^[^\w*]+|[^\w*]+$/g, ''));
    }
  });

  it("gives Lunr's index terms, so indexes do not change", () => {
    const next = random(17);
    for (let i = 0; i < 5_000; i++) {
      const word = randomWord(next).toLowerCase();
      expect(termOf(word), JSON.stringify(word)).toBe(stockPipeline.runString(word)[0] ?? null);
    }
    for (const word of ['(diffusion,', 'the', '...', 'transformers)', '"llms"', '_x_']) {
      expect(termOf(word)).toBe(stockPipeline.runString(word)[0] ?? null);
    }
  });

  it('finds the word inside a token where the regex trimmer did', () => {
    const next = random(23);
    for (let i = 0; i < 5_000; i++) {
      const word = randomWord(next);
      const lead = /^\W+/.exec(word)?.[0].length ?? 0;
      const trail = /\W+$/.exec(word)?.[0].length ?? 0;
      const [myLead, myTrail] = trimmedBounds(word);
      if (lead + trail >= word.length) expect(myLead + myTrail).toBeGreaterThanOrEqual(word.length);
      else expect([myLead, myTrail], JSON.stringify(word)).toEqual([lead, trail]);
    }
  });

  it('indexes a word with a long run of non-ASCII letters at once', () => {
    // Lunr's /\W+$/ retries from every letter of the run: 200 KB took ~20 s, 1.15 MB ~700 s.
    const word = `a${'é'.repeat(200_000)}b`;
    const started = performance.now();
    const terms: Array<string | null> = [];
    forEachTerm(`intro ${word} outro`, (term) => terms.push(term));
    const ms = performance.now() - started;
    console.log(`terms of a 200,000-letter non-ASCII word: ${ms.toFixed(1)} ms`);
    expect(terms).toHaveLength(3);
    expect(terms[1]).toBe(word);
    expect(ms).toBeLessThan(5_000);
  });
});
