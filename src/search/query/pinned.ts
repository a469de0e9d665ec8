/**
 * Papers a query names by id, link or DOI: found in the library, then put before the papers its
 * words find (which never repeat them), with the best score of the page so sorting keeps them first.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { Evaluation } from './query-eval.ts';
import type { Ranked } from './top-hits.ts';
import { normalizeDoi, type PaperReference } from './paper-references.ts';

export interface PaperLookup {
  has(id: string): boolean;
  /** Every live paper (null where this process holds indexes only). */
  all(): StoredPaper[];
}

/** The live papers the references name, in the order they were typed, each once. */
export function referencedIds(references: readonly PaperReference[], papers: PaperLookup): string[] {
  if (references.length === 0) return [];
  const ids = new Set<string>();
  let byDoi: Map<string, string> | null = null;
  for (const reference of references) {
    if (reference.kind === 'arxiv') {
      if (papers.has(reference.id)) ids.add(reference.id);
      continue;
    }
    if (byDoi === null) {
      byDoi = new Map();
      for (const paper of papers.all()) {
        const doi = paper.doi === null ? null : normalizeDoi(paper.doi);
        if (doi !== null && !byDoi.has(doi)) byDoi.set(doi, paper.id);
      }
    }
    const id = byDoi.get(reference.doi);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

export function pinnedPage(
  pinned: readonly string[],
  docOf: (id: string) => number,
  words: (offset: number, limit: number) => Evaluation,
  request: { offset: number; limit: number },
): Evaluation {
  if (pinned.length === 0) return words(request.offset, request.limit);
  const end = request.offset + request.limit;
  // From the top, to know the best score (and the pinned papers' place before it).
  const found = words(0, Math.max(1, end - pinned.length));
  const best = found.page[0]?.score ?? 0;
  const first: Ranked[] = pinned.map((id) => ({ id, doc: docOf(id), score: best }));
  return { total: pinned.length + found.total, page: [...first, ...found.page].slice(request.offset, end), scoringTerms: found.scoringTerms };
}
