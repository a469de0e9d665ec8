/**
 * A small library with known topics for the For you tests: each paper's title and abstract draw on
 * its topic's words (with a few words every topic shares), and upvotes are highest on the protein
 * topic, so a ranking by upvotes and one learned from stars on another topic differ from the top.
 */
import type { SeedPaper } from './core-seed.ts';

export const TOPICS = {
  attention: ['sparse attention', 'KV cache', 'long context', 'transformer decoding', 'token eviction', 'attention heads'],
  protein: ['protein folding', 'molecular dynamics', 'amino acid', 'binding affinity', 'protein structure', 'enzyme design'],
  robotics: ['robot grasping', 'manipulation policy', 'tactile sensing', 'legged locomotion', 'sim-to-real transfer', 'motion planning'],
  speech: ['speech recognition', 'acoustic model', 'speaker diarization', 'audio tokenizer', 'voice conversion', 'prosody'],
} as const;

export type Topic = keyof typeof TOPICS;

const SHARED = ['benchmark', 'scaling', 'efficient training', 'evaluation'];
const UPVOTES: Record<Topic, number> = { protein: 300, speech: 200, robotics: 100, attention: 50 };

/** `perTopic` papers of each topic; titles say their topic ("Sparse attention study 3: …"). */
export function topicPapers(perTopic: number, topics: readonly Topic[] = Object.keys(TOPICS) as Topic[]): Array<SeedPaper & { topic: Topic }> {
  const papers: Array<SeedPaper & { topic: Topic }> = [];
  for (const topic of topics) {
    const words = TOPICS[topic];
    for (let i = 0; i < perTopic; i += 1) {
      const a = words[i % words.length] ?? '';
      const b = words[(i + 2) % words.length] ?? '';
      const c = words[(i + 4) % words.length] ?? '';
      const shared = SHARED[i % SHARED.length] ?? '';
      papers.push({
        topic,
        title: `${a[0]?.toUpperCase()}${a.slice(1)} study ${i}: ${b} with ${c}`,
        abstract: `We study ${a} and ${b}. Our method improves ${c} and ${a} on a ${shared} suite. Results on ${b} and ${c} show gains over ${a} baselines.`,
        authors: [`${topic} author ${i}`],
        published: `2026-05-${String((i % 28) + 1).padStart(2, '0')}`,
        upvotes: UPVOTES[topic] - i,
      });
    }
  }
  return papers;
}
