/**
 * What a digest holds: the top papers for the user, grouped by tag when a tag has enough positives
 * of its own to learn from. Each paper of the overall ranking goes to the tag whose own model ranks
 * it (best score wins); the others stay under "For you". Groups come in the order of their best
 * paper, papers in the order of the overall ranking.
 */
import type { RecommendInput, RecommendOutput, Recommendation } from './recommend-service.ts';
import { MIN_POSITIVES } from './signals.ts';

export interface DigestGroup {
  /** null: the papers no tag's model claims. */
  tag: string | null;
  papers: Recommendation[];
}

export interface DigestPlan {
  since: string | null;
  generatedAt: string;
  model: RecommendOutput['model'];
  groups: DigestGroup[];
}

export interface DigestRequest {
  since?: string | undefined;
  limit: number;
  /** The user's tags with how many papers carry each. */
  tags: { name: string; count: number }[];
  now?: Date;
}

export async function planDigest(recommend: (input: RecommendInput) => Promise<RecommendOutput>, request: DigestRequest): Promise<DigestPlan> {
  const since = request.since;
  const overall = await recommend({ since, limit: request.limit });
  const best = new Map<string, { tag: string; score: number }>();
  if (!overall.model.coldStart) {
    for (const tag of request.tags.filter((entry) => entry.count >= MIN_POSITIVES)) {
      const ranked = await recommend({ tag: tag.name, since, limit: request.limit });
      if (ranked.model.coldStart) continue;
      for (const paper of ranked.results) {
        const current = best.get(paper.id);
        if (paper.score > 0 && (!current || paper.score > current.score)) best.set(paper.id, { tag: tag.name, score: paper.score });
      }
    }
  }
  const groups: DigestGroup[] = [];
  const byTag = new Map<string | null, DigestGroup>();
  for (const paper of overall.results) {
    const tag = best.get(paper.id)?.tag ?? null;
    let group = byTag.get(tag);
    if (!group) {
      group = { tag, papers: [] };
      byTag.set(tag, group);
      groups.push(group);
    }
    group.papers.push(paper);
  }
  return { since: since ?? null, generatedAt: (request.now ?? new Date()).toISOString(), model: overall.model, groups };
}
