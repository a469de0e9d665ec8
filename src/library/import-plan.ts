/**
 * Works out, without touching disk, what an import will do: which papers are added, updated or
 * unchanged, which title-keyed papers adopt an arXiv id (and so change key), and what to warn about.
 */
import type { PaperFields, StoredPaper } from '../model/paper.ts';
import { isTitleKey, paperKey, titleKey } from './identity.ts';
import { mergePaper, newStoredPaper } from './merge.ts';

export interface LibraryLookup {
  get(id: string): StoredPaper | undefined;
  /** The id of the paper whose normalised title gives this key, if any. */
  idForTitleKey(key: string): string | undefined;
}

export interface Rekey {
  from: string;
  to: string;
}

export interface ImportPlan {
  upsert: StoredPaper[];
  remove: string[];
  rekeys: Rekey[];
  added: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

type Outcome = 'added' | 'updated' | 'unchanged';

/** Papers planned between two turns of the event loop (planInSlices). */
const SLICE = 100;

export function planImport(...args: Parameters<typeof planSteps>): ImportPlan {
  const steps = planSteps(...args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same plan, made in slices with a turn of the event loop between them: a 10,000-paper import
 * then never keeps a server or the desktop app from answering.
 */
export async function planInSlices(...args: Parameters<typeof planSteps>): Promise<ImportPlan> {
  const steps = planSteps(...args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* planSteps(
  papers: PaperFields[],
  source: string,
  now: string,
  lookup: LibraryLookup,
  /** Papers from a Papershelf backup: kept exactly as they were when new to this library. */
  exact: StoredPaper[] = [],
): Generator<void, ImportPlan> {
  const batch = new Map<string, StoredPaper>();
  const outcome = new Map<string, Outcome>();
  const batchTitles = new Map<string, string>();
  const remove = new Set<string>();
  const rekeys: Rekey[] = [];
  const warnings: string[] = [];

  const current = (id: string) => batch.get(id) ?? (remove.has(id) ? undefined : lookup.get(id));
  const idForTitle = (key: string) => batchTitles.get(key) ?? lookup.idForTitleKey(key);

  const record = (paper: StoredPaper, result: Outcome) => {
    batch.set(paper.id, paper);
    batchTitles.set(titleKey(paper.title), paper.id);
    const before = outcome.get(paper.id);
    if (before === undefined || (before === 'unchanged' && result === 'updated')) outcome.set(paper.id, result);
  };

  for (const [index, paper] of exact.entries()) {
    if (index % SLICE === SLICE - 1) yield;
    const existing = current(paper.id);
    if (!existing) {
      record(paper, 'added');
      continue;
    }
    const { paper: merged, changed } = mergePaper(existing, paper, 'json', now);
    const sources = [...new Set([...merged.sources, ...paper.sources])];
    record({ ...merged, sources }, changed || sources.length !== merged.sources.length ? 'updated' : 'unchanged');
  }

  for (const [index, fields] of papers.entries()) {
    if (index % SLICE === SLICE - 1) yield;
    let id = paperKey(fields);
    let existing = current(id);
    if (!existing) {
      const sameTitle = idForTitle(titleKey(fields.title));
      const known = sameTitle === undefined ? undefined : current(sameTitle);
      if (known && sameTitle !== undefined) {
        if (fields.arxivId === null) {
          id = sameTitle;
          existing = known;
        } else if (isTitleKey(sameTitle) && known.arxivId === null) {
          // A paper first known only by title now has an arXiv id: it moves to the new key and keeps
          // its stars, tags and notes through the rekey.
          existing = { ...known, id };
          batch.delete(sameTitle);
          if (outcome.get(sameTitle) === 'added') {
            outcome.delete(sameTitle);
            outcome.set(id, 'added');
          } else {
            outcome.delete(sameTitle);
            outcome.set(id, 'updated');
            remove.add(sameTitle);
            rekeys.push({ from: sameTitle, to: id });
          }
        }
      }
    }
    if (batch.has(id) && outcome.get(id) === 'added' && existing === batch.get(id)) {
      warnings.push(`entry ${index + 1} ("${fields.title.slice(0, 60)}") repeats an earlier entry and was merged into it`);
    }
    if (!existing) {
      record(newStoredPaper(id, fields, source, now), 'added');
      continue;
    }
    const { paper, changed } = mergePaper(existing, fields, source, now);
    record(paper, changed ? 'updated' : 'unchanged');
  }

  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const result of outcome.values()) counts[result] += 1;
  const upsert = [...batch.values()].filter((paper) => outcome.get(paper.id) !== 'unchanged');
  return { upsert, remove: [...remove], rekeys, ...counts, warnings };
}
