/** A phrase is found in every text holding it: the quick probe never rejects a true match. */
import { describe, expect, it } from 'vitest';
import { containsPhrase, makePhrase } from '../../../src/search/query/phrase.ts';
import { fixturePapers } from '../corpus-fixtures.ts';

const STEMMER_EDGES = [
  'happy families',
  'the possibility of relational hoping',
  'operator generalization sensibility',
  'Łukasz Wróbel, Zoë Müller and İlker Ağça',
  'İstanbul Straße',
  'language — model',
  '(language) model, state-of-the-art',
  'ﬁne-tuning ÆSOP studies',
  'GPT-4o: agents (LLMs) reasoning… “quoted” words',
];

describe('phrases', () => {
  it('are found in the text they were typed from, across stemming, folding and punctuation', () => {
    for (const text of STEMMER_EDGES) {
      const words = text.split(/[\s-]+/);
      for (let i = 0; i + 1 < words.length; i++) {
        const typed = `${words[i]} ${words[i + 1]}`;
        const phrase = makePhrase(typed.toUpperCase(), ['title']);
        if (phrase) expect(containsPhrase(text, phrase.keys, phrase.probe), typed).toBe(true);
      }
    }
  });

  it('are found for every pair and triple of adjacent words of real abstracts', () => {
    let checked = 0;
    for (const paper of fixturePapers()) {
      const words = paper.abstract.split(/[\s-]+/).filter((word) => word !== '');
      for (let i = 0; i + 2 < words.length; i += 2) {
        for (const typed of [`${words[i]} ${words[i + 1]}`, `${words[i]} ${words[i + 1]} ${words[i + 2]}`]) {
          const phrase = makePhrase(typed, ['abstract']);
          if (!phrase || phrase.keys.length < 2) continue;
          expect(containsPhrase(paper.abstract, phrase.keys, phrase.probe), typed).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('are not found out of order or apart', () => {
    const phrase = makePhrase('reward model', ['title'])!;
    expect(containsPhrase('a model reward', phrase.keys, phrase.probe)).toBe(false);
    expect(containsPhrase('reward the model', phrase.keys, phrase.probe)).toBe(false);
    expect(containsPhrase('Reward-Models', phrase.keys, phrase.probe)).toBe(true);
    expect(containsPhrase('reward, model', phrase.keys, phrase.probe)).toBe(true);
  });
});
