/**
 * Moving title-only papers from whole-title keys (`t:georef-referring-expressions-in-geometry-via-…`)
 * to short ids (`t:georef-2025`), for a library written before short ids and for the papers each
 * import adds. Only ids longer than a short id may be are moved: a title that is already short
 * (`t:eureka`) keeps its id. The result has the shape of an import plan; the old ids become aliases.
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { IdMove } from '../../store/paper-aliases.ts';
import { isTitleKey } from '../identity.ts';
import { assignShortIds, SHORT_ID_MAX_LENGTH } from '../short-ids.ts';

export interface IdMigration {
  upsert: StoredPaper[];
  remove: string[];
  rekeys: IdMove[];
}

export function needsShortId(paper: Pick<StoredPaper, 'id' | 'arxivId'>): boolean {
  return paper.arxivId === null && isTitleKey(paper.id) && paper.id.length > SHORT_ID_MAX_LENGTH;
}

/**
 * Short ids for every paper of `papers` that needs one; `taken` holds every id in use (the library's
 * ids and old ids), which no new id may repeat.
 */
export function planShortIds(papers: readonly StoredPaper[], taken: Iterable<string>): IdMigration {
  const moving = papers.filter(needsShortId);
  const ids = assignShortIds(moving, taken);
  const migration: IdMigration = { upsert: [], remove: [], rekeys: [] };
  for (const paper of moving) {
    const to = ids.get(paper.id);
    if (to === undefined || to === paper.id) continue;
    migration.upsert.push({ ...paper, id: to });
    migration.remove.push(paper.id);
    migration.rekeys.push({ from: paper.id, to });
  }
  return migration;
}

/**
 * An import plan's new title-only papers under short ids instead of whole-title keys. `isNew` says
 * whether an id is not in the library yet: a paper the library has keeps its id.
 */
export function withShortIdsForNew(upsert: readonly StoredPaper[], isNew: (id: string) => boolean, taken: Iterable<string>): StoredPaper[] {
  const fresh = upsert.filter((paper) => isNew(paper.id) && needsShortId(paper));
  const ids = assignShortIds(fresh, taken);
  return upsert.map((paper) => {
    const to = ids.get(paper.id);
    return to === undefined ? paper : { ...paper, id: to };
  });
}
