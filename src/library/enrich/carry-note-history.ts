/**
 * A note's earlier versions are kept per paper id, so when a paper moves to a new id (a title key
 * resolved to an arXiv id) its history must follow, or `note --history` under the new id would show
 * nothing of what was written before.
 */
import { NoteHistory } from '../../store/note-history.ts';

export function carryNoteHistory(dataDir: string, from: string, to: string): number {
  return new NoteHistory(dataDir).carry(from, to);
}
