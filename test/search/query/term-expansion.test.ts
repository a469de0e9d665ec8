/** Wildcard and fuzzy words expand to exactly the terms Lunr's own token-set intersection gives. */
import { describe, expect, it } from 'vitest';
import { tokenSetFromFuzzyString, tokenSetFromSortedArray, tokenSetFromString } from '../../../src/search/index/lunr-internals.ts';
import { buildPaperIndex } from '../../../src/search/index/segment-index-build.ts';
import { intersectSorted, matchWildcard, wildcardMatcher } from '../../../src/search/query/term-expansion.ts';
import { buildVocabulary, seededRandom, syntheticPapers } from '../../bench/synthetic-library.ts';
import { fixturePapers } from '../corpus-fixtures.ts';

const terms = buildPaperIndex([...fixturePapers(), ...syntheticPapers(buildVocabulary(4), 0, 200, 4)]).terms.filter((t) => t !== '');
const lunrSet = tokenSetFromSortedArray([...terms]);
const sorted = (list: string[]) => [...list].sort();

function samplePatterns(count: number): string[] {
  const random = seededRandom(9);
  const patterns: string[] = [];
  while (patterns.length < count) {
    const term = terms[Math.floor(random() * terms.length)]!;
    if (term.length < 3) continue;
    const cut = 1 + Math.floor(random() * (term.length - 1));
    const shapes = [`${term.slice(0, cut)}*`, `*${term.slice(cut)}`, `${term.slice(0, 1)}*${term.slice(cut)}`, `*${term.slice(1, cut + 1)}*`, `${term.slice(0, 2)}*${term.slice(2, 3)}*`];
    patterns.push(shapes[Math.floor(random() * shapes.length)]!);
  }
  return patterns;
}

describe('term expansion', () => {
  it('matches wildcards as lunr.TokenSet does', () => {
    for (const pattern of ['a*', '*ing', 'mod*', '*e*', 'tr*er', 'zzz*', '*', `${terms[5]}*`, terms[5]!, ...samplePatterns(150)]) {
      const expected = sorted(lunrSet.intersect(tokenSetFromString(pattern)).toArray());
      expect(sorted(matchWildcard(terms, wildcardMatcher(pattern))), pattern).toEqual(expected);
      expect(sorted(intersectSorted(terms, tokenSetFromString(pattern))), pattern).toEqual(expected);
    }
  });

  it('matches fuzzy words as lunr.TokenSet does', () => {
    const random = seededRandom(21);
    for (let i = 0; i < 120; i++) {
      const term = terms[Math.floor(random() * terms.length)]!;
      const at = Math.floor(random() * term.length);
      const typo = [term.slice(0, at) + term.slice(at + 1), term.slice(0, at) + 'x' + term.slice(at), term][i % 3]!;
      for (const distance of [1, 2]) {
        const expected = sorted(lunrSet.intersect(tokenSetFromFuzzyString(typo, distance)).toArray());
        expect(sorted(intersectSorted(terms, tokenSetFromFuzzyString(typo, distance))), `${typo}~${distance}`).toEqual(expected);
      }
    }
  });
});
