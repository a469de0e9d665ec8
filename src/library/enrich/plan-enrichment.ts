/**
 * Works out, without touching disk, what resolving title-only papers against arXiv's answers does:
 * each resolved paper moves from its `t:` key to its arXiv id (a rekey, as when an import brings the
 * id) and gains arXiv's author names, categories, links and dates, while the listing's abstract,
 * upvotes and sources stay. The result has the shape of an import plan (`upsert`, `remove`,
 * `rekeys`) so the library commits it the same way, plus the report `papershelf enrich` prints.
 */
import type { PaperFields, StoredPaper } from '../../model/paper.ts';
import type { Rekey } from '../import-plan.ts';
import { mergePaper } from '../merge.ts';
import { EntryIndex, matchTitle, type ListingEvidence, type Refusal } from './title-match.ts';

/** Provenance recorded on papers completed from arXiv's API. */
export const ENRICH_SOURCE = 'arxiv';

/** Listing pages give an author count and a date that both come from arXiv (via Hugging Face). */
const PAGE_SOURCES = new Set(['hf-page', 'hf-json']);
/** Hugging Face hides some authors of a paper, so its count may be one short. */
const PAGE_AUTHOR_SLACK = 1;
/** A listing's date is the day the paper was listed, usually days and at most weeks after arXiv's v1. */
export const PAGE_DATE_SLACK_DAYS = 60;

export interface ResolvedPaper {
  /** The `t:` id the paper had; it stays usable as an alias. */
  from: string;
  /** Its arXiv id, now its key. */
  to: string;
  title: string;
  /** arXiv's abstract when it differs from the listing's (which the paper keeps); else null. */
  arxivAbstract: string | null;
}

export interface UnresolvedPaper {
  id: string;
  title: string;
  reason: string;
}

export interface AmbiguousPaper {
  id: string;
  title: string;
  /** arXiv ids of the papers that all fit. */
  candidates: string[];
}

/** What `papershelf enrich --json` prints. */
export interface EnrichReport {
  resolved: ResolvedPaper[];
  unresolved: UnresolvedPaper[];
  ambiguous: AmbiguousPaper[];
  requests: number;
  warnings: string[];
}

export interface EnrichmentPlan extends EnrichReport {
  upsert: StoredPaper[];
  remove: string[];
  rekeys: Rekey[];
}

export interface EnrichmentInput {
  /** The papers to resolve; papers that already have an arXiv id are left alone. */
  papers: StoredPaper[];
  /** Every entry arXiv answered with, from every request. */
  entries: Iterable<PaperFields>;
  /** The library's papers by id, to merge into a paper it already has under the arXiv id. */
  get(id: string): StoredPaper | undefined;
  now: string;
  requests?: number;
  warnings?: string[];
}

/** What a paper's listing can vouch for: counts and dates only where a listing page gave them. */
export function evidenceOf(paper: StoredPaper): ListingEvidence {
  const fromPage = paper.sources.some((source) => PAGE_SOURCES.has(source));
  const named = paper.authors.length > 0;
  return {
    authorCount: named ? paper.authors.length : paper.authorCount,
    authorSlack: named ? 0 : PAGE_AUTHOR_SLACK,
    // Other sources' dates (a journal's year in BibTeX) may be years after the preprint.
    date: fromPage ? paper.published : null,
    dateSlackDays: PAGE_DATE_SLACK_DAYS,
  };
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/** The listing's paper completed from arXiv's entry, under its arXiv id. */
export function completedPaper(listing: StoredPaper, entry: PaperFields & { arxivId: string }, now: string): StoredPaper {
  const { paper } = mergePaper({ ...listing, id: entry.arxivId }, entry, ENRICH_SOURCE, now);
  return {
    ...paper,
    // The page's abstract is what the user read; arXiv's dates are the paper's own.
    abstract: listing.abstract || entry.abstract,
    authors: entry.authors.length > 0 ? entry.authors : paper.authors,
    authorCount: entry.authors.length > 0 ? entry.authors.length : paper.authorCount,
    published: entry.published ?? paper.published,
    updated: entry.updated ?? paper.updated,
    modifiedAt: now,
  };
}

function refusalText(refused: Refusal[]): string {
  if (refused.length === 0) return 'arXiv has no paper with this title';
  return refused.map((r) => `arXiv ${r.arxivId} has this title but ${r.reason}`).join('; ');
}

export function planEnrichment(input: EnrichmentInput): EnrichmentPlan {
  const index = new EntryIndex(input.entries);
  const batch = new Map<string, StoredPaper>();
  const plan: EnrichmentPlan = {
    resolved: [],
    unresolved: [],
    ambiguous: [],
    requests: input.requests ?? 0,
    warnings: [...(input.warnings ?? [])],
    upsert: [],
    remove: [],
    rekeys: [],
  };
  for (const paper of input.papers) {
    if (paper.arxivId !== null) continue;
    const match = matchTitle(paper.title, evidenceOf(paper), index);
    if (match.kind === 'ambiguous') {
      plan.ambiguous.push({ id: paper.id, title: paper.title, candidates: match.entries.map((entry) => entry.arxivId ?? '') });
      continue;
    }
    if (match.kind === 'unresolved') {
      plan.unresolved.push({ id: paper.id, title: paper.title, reason: refusalText(match.refused) });
      continue;
    }
    const entry = match.entry as PaperFields & { arxivId: string };
    const completed = completedPaper(paper, entry, input.now);
    // The library (or an earlier paper of this run) may know the arXiv paper already: the two become one.
    const known = batch.get(entry.arxivId) ?? input.get(entry.arxivId);
    let merged = completed;
    if (known) {
      merged = mergePaper(known, completed, paper.sources[0] ?? ENRICH_SOURCE, input.now).paper;
      merged = { ...merged, sources: [...new Set([...merged.sources, ...completed.sources])], modifiedAt: input.now };
      plan.warnings.push(`"${paper.title.slice(0, 60)}" (${paper.id}) is ${entry.arxivId}, already in the library: merged into it`);
    }
    batch.set(entry.arxivId, merged);
    plan.rekeys.push({ from: paper.id, to: entry.arxivId });
    plan.remove.push(paper.id);
    plan.resolved.push({
      from: paper.id,
      to: entry.arxivId,
      title: paper.title,
      arxivAbstract: entry.abstract && !sameText(entry.abstract, completed.abstract) ? entry.abstract : null,
    });
  }
  plan.upsert = [...batch.values()];
  return plan;
}

/** The report alone, as `enrich --json` prints it. */
export function enrichReport(plan: EnrichReport): EnrichReport {
  const { resolved, unresolved, ambiguous, requests, warnings } = plan;
  return { resolved, unresolved, ambiguous, requests, warnings };
}
