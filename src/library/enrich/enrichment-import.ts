/**
 * An enrichment plan as an import: each resolved paper under the listing's own title with its arXiv
 * id, so the library's import path (planImport) moves it from its `t:` key to the arXiv id and
 * carries its stars, tags, status, notes and note history along. That path keeps the listing's date
 * where it has one; arXiv's first-version date is then in the alias-aware plan, not on the paper.
 * A paper already in the library under the arXiv id needs the plan's own `remove`/`rekeys` instead
 * (the import path would keep both): those are listed in `needsPlan`.
 */
import type { ParsedImport } from '../../importers/types.ts';
import type { PaperFields, StoredPaper } from '../../model/paper.ts';
import type { EnrichmentPlan } from './plan-enrichment.ts';

function fieldsOf(paper: StoredPaper): PaperFields {
  const { id: _id, sources: _sources, addedAt: _addedAt, modifiedAt: _modifiedAt, ...fields } = paper;
  return fields;
}

export function enrichmentAsImport(plan: EnrichmentPlan, libraryHas: (id: string) => boolean): { parsed: ParsedImport; needsPlan: string[] } {
  const targets = plan.resolved.map((r) => r.to);
  const shared = (to: string) => targets.indexOf(to) !== targets.lastIndexOf(to);
  const needsPlan = plan.resolved.filter((r) => libraryHas(r.to) || shared(r.to)).map((r) => r.from);
  const upsert = new Map(plan.upsert.map((paper) => [paper.id, paper]));
  const papers: PaperFields[] = [];
  for (const r of plan.resolved) {
    const paper = upsert.get(r.to);
    // The listing's title is how the import path finds the `t:` paper to move.
    if (paper && !needsPlan.includes(r.from)) papers.push({ ...fieldsOf(paper), title: r.title });
  }
  return { parsed: { format: 'arxiv-atom', papers, warnings: [...plan.warnings], skipped: 0 }, needsPlan };
}
