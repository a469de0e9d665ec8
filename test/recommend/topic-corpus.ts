/**
 * A generated library with known topics, for measuring recommenders. Topics sit on a ring; each has
 * a large vocabulary of its own, used sparingly, and shares a small, much used vocabulary with each
 * of its two neighbours (as "diffusion models" and "image generation" share "denoising", "latent"),
 * over a background of words every topic uses. A topic between two the user likes is made of
 * exactly the words their papers repeat most: what a centroid weighs highest, and what a classifier
 * that sees that topic's papers as negatives learns to discount. Deterministic per seed.
 */
import type { StoredPaper } from '../../src/model/paper.ts';
import { emptyPaperFields } from '../../src/model/paper.ts';

export interface TopicCorpusOptions {
  topics?: number;
  perTopic?: number;
  seed?: number;
  /** Share of words drawn from the topic's own vocabulary, and from the vocabularies shared with its neighbours. */
  own?: number;
  neighbours?: number;
  /** Topics on a line instead of a ring: the first and the last have one neighbour each. */
  line?: boolean;
  /** Words each topic has to itself, and words each pair of neighbours shares. */
  ownVocabulary?: number;
  sharedVocabulary?: number;
  /** Words of an abstract. */
  length?: number;
  /** Papers of each topic, when they differ (listings are dominated by a few crowded topics). */
  sizes?: readonly number[];
  /** `own` per topic, when it differs: a broad topic says little of its own and mostly repeats its neighbours' words. */
  ownByTopic?: readonly (number | undefined)[];
}

export interface TopicCorpus {
  papers: StoredPaper[];
  topicOf: Map<string, number>;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sat', 'vu', 'tor', 'pel', 'nix', 'dra', 'qui', 'zon', 'bel', 'fas', 'gor', 'hul', 'jen', 'wic', 'yam', 'cro'];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/** Distinct made-up words (stemming leaves them distinct: they end in a consonant or a vowel, never "s"/"ing"). */
function vocabulary(count: number, next: () => number, taken: Set<string>): string[] {
  const words: string[] = [];
  while (words.length < count) {
    const word = Array.from({ length: 2 + Math.floor(next() * 2) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
    if (taken.has(word)) continue;
    taken.add(word);
    words.push(word);
  }
  return words;
}

export function topicCorpus(options: TopicCorpusOptions = {}): TopicCorpus {
  const topics = options.topics ?? 8;
  const perTopic = options.perTopic ?? 60;
  const own = options.own ?? 0.25;
  const neighbours = options.neighbours ?? 0.5;
  const length = options.length ?? 40;
  const next = random(options.seed ?? 7);
  const taken = new Set<string>();
  const background = vocabulary(300, next, taken);
  const ownWords = Array.from({ length: topics }, () => vocabulary(options.ownVocabulary ?? 150, next, taken));
  // shared[t]: the words topics t and t + 1 share.
  const shared = Array.from({ length: topics }, () => vocabulary(options.sharedVocabulary ?? 12, next, taken));
  const pick = (words: readonly string[]) => words[Math.floor(next() * words.length)] ?? '';
  const word = (topic: number) => {
    const roll = next();
    const ownShare = options.ownByTopic?.[topic] ?? own;
    if (roll < ownShare) return pick(ownWords[topic] ?? []);
    if (roll < ownShare + neighbours) {
      // shared[t] lies between t and t + 1; on a line, the ends share only inwards.
      let side = next() < 0.5 ? topic : (topic + topics - 1) % topics;
      if (options.line && topic === 0) side = 0;
      if (options.line && topic === topics - 1) side = topics - 2;
      return pick(shared[side] ?? []);
    }
    return pick(background);
  };
  const papers: StoredPaper[] = [];
  const topicOf = new Map<string, number>();
  const sizes = Array.from({ length: topics }, (_, topic) => options.sizes?.[topic] ?? perTopic);
  const order = sizes.flatMap((size, topic) => Array.from({ length: size }, () => topic));
  // Interleaved, as days of listings mix topics.
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [order[k], order[j]] = [order[j] ?? 0, order[k] ?? 0];
  }
  for (const [i, topic] of order.entries()) {
    const id = `t:topic-${String(i).padStart(5, '0')}`;
    const title = Array.from({ length: 7 }, () => word(topic)).join(' ');
    const abstract = Array.from({ length: Math.ceil(length / 10) }, () => `${Array.from({ length: 10 }, () => word(topic)).join(' ')}.`).join(' ');
    const day = String(1 + (i % 28)).padStart(2, '0');
    papers.push({
      ...emptyPaperFields(title),
      abstract,
      authors: [`Author ${i}`],
      authorCount: 1,
      published: `2026-03-${day}`,
      upvotes: (i * 37) % 101,
      url: `https://example.org/paper/${i}`,
      id,
      sources: ['json'],
      addedAt: '2026-04-01T00:00:00.000Z',
      modifiedAt: '2026-04-01T00:00:00.000Z',
    });
    topicOf.set(id, topic);
  }
  return { papers, topicOf };
}

/** The corpus as a Papershelf backup file (`import --format json`). */
export function backupText(papers: readonly StoredPaper[]): string {
  return JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-01T00:00:00.000Z', papers, annotations: {} });
}
