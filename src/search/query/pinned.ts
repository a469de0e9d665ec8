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
  /** The live paper with this DOI (normalized) that comes first in the library's order. */
  idOfDoi(doi: string): string | undefined;
}

/** A PaperLookup over papers held in memory: the DOI table is built once, on the first DOI asked. */
export function memoryLookup(has: (id: string) => boolean, all: () => StoredPaper[]): PaperLookup {
  let byDoi: Map<string, string> | null = null;
  return {
    has,
    idOfDoi: (doi) => {
      if (byDoi === null) {
        byDoi = new Map();
        for (const paper of all()) {
          const key = paper.doi === null ? null : normalizeDoi(paper.doi);
          if (key !== null && !byDoi.has(key)) byDoi.set(key, paper.id);
        }
      }
      return byDoi.get(doi);
    },
  };
}

/** The live papers the references name, in the order they were typed, each once. */
export function referencedIds(references: readonly PaperReference[], papers: PaperLookup): string[] {
  const ids = new Set<string>();
  for (const reference of references) {
    const id = reference.kind === 'arxiv' ? (papers.has(reference.id) ? reference.id : undefined) : papers.idOfDoi(reference.doi);
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
