/**
 * Commits papers that change id (resolved to arXiv, moved to a short id): the old ids become
 * aliases, stars, tags, status, notes and note history move to the new ids, then the papers move.
 * Call it under the data folder's write lock, as an import commits. The order is for crashes: an
 * alias whose target does not exist yet resolves to nothing (the old id still names the paper), and
 * annotations moved before their paper wait under the new id for it (as imports already do).
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { IdMove, PaperAliasStore } from '../../store/paper-aliases.ts';
import { carryNoteHistory } from './carry-note-history.ts';

export interface PaperMoves {
  upsert: StoredPaper[];
  remove: string[];
  rekeys: IdMove[];
}

/** The parts of a library a move touches (AnnotationStore, NoteStore, Corpus, PaperAliasStore). */
export interface MoveTargets {
  dataDir: string;
  aliases: Pick<PaperAliasStore, 'record'>;
  annotations: { rekey(from: string, to: string): void; get(id: string): { tags: string[] } | undefined };
  notes: { rekey(from: string, to: string, meta: { title: string; tags: string[] }): void };
  corpus: { commit(batch: { upsert: StoredPaper[]; remove: string[] }): Promise<void> };
}

export async function applyPaperMoves(targets: MoveTargets, moves: PaperMoves): Promise<void> {
  await targets.aliases.record(moves.rekeys);
  const titles = new Map(moves.upsert.map((paper) => [paper.id, paper.title]));
  for (const { from, to } of moves.rekeys) {
    targets.annotations.rekey(from, to);
    targets.notes.rekey(from, to, { title: titles.get(to) ?? to, tags: targets.annotations.get(to)?.tags ?? [] });
    carryNoteHistory(targets.dataDir, from, to);
  }
  if (moves.upsert.length > 0 || moves.remove.length > 0) await targets.corpus.commit({ upsert: moves.upsert, remove: moves.remove });
}
