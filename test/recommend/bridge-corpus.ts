/**
 * The topic corpus the quality test and the benchmark share: six topics on a line, the first and the
 * third liked by the user, and between them a broad topic made only of the words it shares with
 * both (a centroid of the user's papers lands on it; a classifier learns to discount those words).
 */
import type { TopicCorpusOptions } from './topic-corpus.ts';

export const BRIDGE_CORPUS: TopicCorpusOptions = {
  topics: 6,
  perTopic: 60,
  line: true,
  own: 0.2,
  neighbours: 0.6,
  ownByTopic: [undefined, 0],
  ownVocabulary: 80,
  sharedVocabulary: 20,
};
