/** A library in a temporary folder holding a generated topic corpus, with its contract calls. */
import { afterAll, afterEach } from 'vitest';
import { createDispatch, type Dispatch } from '../../src/api/dispatch.ts';
import type { OperationName, OperationOutput } from '../../src/api/contract.ts';
import { Library } from '../../src/library/library.ts';
import { closeRecommender } from '../../src/recommend/recommend-client.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { backupText, topicCorpus, type TopicCorpus, type TopicCorpusOptions } from './topic-corpus.ts';

const opened: Library[] = [];
afterEach(async () => {
  for (const library of opened.splice(0)) await library.close();
});
afterAll(closeRecommender);

export interface TopicLibrary extends TopicCorpus {
  dir: string;
  library: Library;
  call<N extends OperationName>(name: N, input: unknown): Promise<OperationOutput<N>>;
  /** The first `count` papers of `topic`, in the corpus's order. */
  ofTopic(topic: number, count?: number): string[];
}

export async function topicLibrary(options: TopicCorpusOptions = {}): Promise<TopicLibrary> {
  const dir = tempDir('papershelf-recommend-');
  const library = await Library.open(dir);
  opened.push(library);
  const dispatch: Dispatch = createDispatch(library);
  const call = async <N extends OperationName>(name: N, input: unknown): Promise<OperationOutput<N>> => {
    const answer = await dispatch(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value;
  };
  const corpus = topicCorpus(options);
  await call('importText', { text: backupText(corpus.papers), format: 'json' });
  const ofTopic = (topic: number, count = Infinity) => corpus.papers.filter((paper) => corpus.topicOf.get(paper.id) === topic).slice(0, count).map((paper) => paper.id);
  return { ...corpus, dir, library, call, ofTopic };
}
