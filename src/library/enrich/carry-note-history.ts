/**
 * A note's earlier versions are kept per paper id, so when a paper moves to a new id (a title key
 * resolved to an arXiv id) its history must follow, or `note --history` under the new id would show
 * nothing of what was written before. Copies the old id's versions, oldest first, onto the new id's
 * history; the old id's entries stay where they are (the history's size budget ages them out).
 */
import { NoteHistory } from '../../store/note-history.ts';

export function carryNoteHistory(dataDir: string, from: string, to: string): number {
  if (from === to) return 0;
  const history = new NoteHistory(dataDir);
  const already = new Set(history.list(to).map((version) => `${version.savedAt}\n${version.text}`));
  let carried = 0;
  for (const version of history.list(from).reverse()) {
    // Running twice (after a crash) must not copy twice.
    if (already.has(`${version.savedAt}\n${version.text}`)) continue;
    history.record(to, version.text, version.tags, new Date(version.savedAt));
    carried += 1;
  }
  return carried;
}
