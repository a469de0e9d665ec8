/**
 * Which title-only papers an automatic run (after an import or a refresh) asks arXiv about. A paper
 * never asked about is due; one arXiv did not know (or could not tell apart) is asked again only
 * after a while, so every refresh does not repeat the same fruitless requests. An offline run asks
 * nothing and records nothing: its papers stay due for the next online run.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { EnrichReport } from './plan-enrichment.ts';

/** arXiv may list the paper later (listings often precede the preprint's announcement by days). */
export const RETRY_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface EnrichAttempt {
  /** ISO time of the last search that found no single match. */
  at: string;
  outcome: 'unresolved' | 'ambiguous';
}

export function dueForEnrichment(
  papers: readonly StoredPaper[],
  attempts: ReadonlyMap<string, EnrichAttempt>,
  now: number,
  retryAfterDays = RETRY_AFTER_DAYS,
): StoredPaper[] {
  return papers.filter((paper) => {
    const last = attempts.get(paper.id);
    if (!last) return true;
    const at = Date.parse(last.at);
    return Number.isNaN(at) || now - at >= retryAfterDays * DAY_MS;
  });
}

/** The attempts after a run that reached arXiv: resolved papers leave, the others wait their turn. */
export function afterRun(attempts: ReadonlyMap<string, EnrichAttempt>, report: EnrichReport, at: string): Map<string, EnrichAttempt> {
  const next = new Map(attempts);
  for (const { from } of report.resolved) next.delete(from);
  for (const { id } of report.unresolved) next.set(id, { at, outcome: 'unresolved' });
  for (const { id } of report.ambiguous) next.set(id, { at, outcome: 'ambiguous' });
  return next;
}
