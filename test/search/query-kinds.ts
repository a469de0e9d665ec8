/**
 * Queries of every kind the search box understands, shared by the tests that compare two ways of
 * answering them (stock Lunr and Papershelf's evaluator; the search worker and the Library).
 */
import lunr from 'lunr';
import type { StoredPaper } from '../../src/model/paper.ts';
import { seededRandom } from '../bench/synthetic-library.ts';
import { makePaper } from './corpus-fixtures.ts';

export const isStopWord = (word: string) => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;
const stem = (word: string) => lunr.stemmer(new lunr.Token(word, {})).toString();

const STOCK_FIELD: Record<string, string> = { author: 'authors', tag: 'tags' };

/** Deterministic queries of every kind, each with its stock Lunr spelling (every plain word required). */
export function mixedQueries(words: string[], seed: number, count: number): Array<[ours: string, stock: string]> {
  const random = seededRandom(seed);
  const word = () => words[Math.floor(random() ** 2 * words.length)]!;
  const made: Array<[string, string]> = [];
  while (made.length < count) {
    const a = word();
    const b = word();
    const kind = Math.floor(random() * 15);
    if (kind === 0) made.push([a, `+${a}`]);
    else if (kind === 1) made.push([`${a} ${b}`, `+${a} +${b}`]);
    else if (kind === 2) {
      const field = ['title', 'author', 'abstract', 'tag', 'note'][Math.floor(random() * 5)]!;
      made.push([`${field}:${a} ${b}`, `+${STOCK_FIELD[field] ?? field}:${a} +${b}`]);
    } else if (kind === 3 && stem(a).length >= 4) made.push([`${stem(a).slice(0, 4)}*`, `+${stem(a).slice(0, 4)}*`]);
    else if (kind === 4 && stem(a).length >= 5) made.push([`*${stem(a).slice(-4)}`, `+*${stem(a).slice(-4)}`]);
    else if (kind === 5 && a.length >= 5) {
      const typo = a.slice(0, 2) + a.slice(3);
      made.push([`${typo}~1`, `+${typo}~1`]);
    } else if (kind === 6) made.push([`${a} -${b}`, `+${a} -${b}`]);
    else if (kind === 7) made.push([`${a}^3 ${b}`, `+${a}^3 +${b}`]);
    else if (kind === 8 && a.length >= 4) made.push([`${a}~2 -title:${b}`, `+${a}~2 -title:${b}`]);
    // Upper case, hyphens and punctuation read as the words they hold.
    else if (kind === 9) made.push([`${a.toUpperCase()} ${b[0]!.toUpperCase()}${b.slice(1)}`, `+${a} +${b}`]);
    else if (kind === 10) made.push([`${a}-${b}`, `+${a} +${b}`]);
    else if (kind === 11) made.push([`${a}, ${b}.`, `+${a} +${b}`]);
    // OR is Lunr's optional words; exclusions apply to the whole group.
    else if (kind === 12) made.push([`${a} OR ${b}`, `${a} ${b}`]);
    else if (kind === 13) {
      const c = word();
      made.push([`(${a} OR ${b}) -${c}`, `${a} ${b} -${c}`]);
    }
    else if (kind === 14) made.push([`(${a} OR title:${b}) NOT abstract:${a}`, `${a} title:${b} -abstract:${a}`]);
  }
  return made;
}


/** Small papers on which phrases, OR, ids, links and DOIs have known answers. */
export const QUERY_LANGUAGE_PAPERS: StoredPaper[] = [
  makePaper({ id: 'p1', title: 'Reward models for alignment', abstract: 'We train a reward model on human preferences.' }),
  makePaper({ id: 'p2', title: 'Modeling reward shaping', abstract: 'The model of the reward is learned from play.' }),
  makePaper({ id: 'p3', title: 'A Reward-Model benchmark', abstract: 'Scores for preference data.' }),
  makePaper({ id: 'p4', title: 'Learning from reward', abstract: 'Model errors dominate.' }),
  makePaper({ id: 'p5', title: 'Sparse attention at scale', abstract: 'Long context without quadratic cost.', authors: ['Xunhao Lai', 'Jane Doe'] }),
  makePaper({ id: 'p6', title: 'Sparse attention: a survey', abstract: 'We review methods.', authors: ['Lai Xunhao'] }),
  makePaper({ id: 'p7', title: 'Dexterous hands', abstract: 'Robot grasping of small objects.' }),
  makePaper({ id: 'p8', title: 'Manipulation primitives', abstract: 'A robot arm learns skills.' }),
  makePaper({ id: 'p9', title: 'SQL generation', abstract: 'Text to SQL with language models.' }),
  makePaper({ id: 'p10', title: 'Dexterous manipulation in simulation', abstract: 'Simulated hands only.' }),
  makePaper({ id: '2606.13106', arxivId: '2606.13106', title: 'A paper named by its id', abstract: 'Nothing else in common.', doi: '10.1145/3366423.3380000' }),
  makePaper({ id: 'cond-mat/0412498', arxivId: 'cond-mat/0412498', title: 'An old-style identifier', abstract: 'Condensed matter.' }),
];
