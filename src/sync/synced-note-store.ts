import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../store/atomic-write.ts';
import { moveToBackups } from '../store/backups.ts';
import { ensurePrivateDir, isDiskRefusal } from '../store/disk-errors.ts';
import { hashedNoteFileName, idFromNoteFileName, NOTE_EXTENSION, noteFileName } from '../store/note-file-names.ts';
import { formatNote, parseNote } from '../store/note-front-matter.ts';
import type { NoteHistory } from '../store/note-history.ts';
import { mergeNoteBodies, NoteStore, type NoteFile, type NoteMetaInput } from '../store/note-store.ts';
import { readUtf8IfExists } from '../store/read-text.ts';
import { conflictedCopyOf } from './conflict-names.ts';
import type { LocalChange, MergedState } from './library-doc.ts';
import type { SyncedLibrary } from './synced-library.ts';

/*
 * Notes of a library in the sync layout. The text is the merged Y.Text of every device; notes/*.md are
 * its readable projections, written with `synced: <hash of the text they were written from>`. A file
 * whose body no longer matches its hash was edited in another program: the edit becomes this device's
 * change, carried onto the current text as a patch when the text it started from is known, and added to
 * it (nothing removed) when not. Every device writes the same bytes for the same merged state, so two
 * devices projecting one note do not make a sync tool keep two versions; a conflicted copy a tool makes
 * anyway is taken in the same way and then moved to backups/.
 */

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A sync tool's second copy of `owner`'s note file (`x (conflicted copy …).md`, `x.sync-conflict-….md`). */
function isConflictedCopy(name: string, owner: string): boolean {
  if (name === noteFileName(owner) || name === hashedNoteFileName(owner)) return false;
  return [noteFileName(owner), hashedNoteFileName(owner)].some((usual) => {
    const stem = usual.slice(0, -NOTE_EXTENSION.length);
    return conflictedCopyOf(name, new RegExp(`^${escapeRegExp(stem)}`), NOTE_EXTENSION) !== null;
  });
}

export class SyncedNoteStore extends NoteStore {
  /** Texts this process wrote files from, by hash: the base of an edit made to such a file. */
  private readonly projected = new Map<string, string>();

  constructor(
    dataDir: string,
    private readonly synced: SyncedLibrary,
    private readonly merged: () => MergedState,
    history: NoteHistory,
  ) {
    super(dataDir, undefined, history);
  }

  override read(id: string): string | null {
    return this.merged().notes.get(id) ?? null;
  }

  override readAll(): Map<string, string> {
    return new Map(this.merged().notes);
  }

  override listIds(): string[] {
    return [...this.merged().notes.keys()];
  }

  override write(id: string, body: string, meta: NoteMetaInput): void {
    const before = this.locate(id);
    if (before && before.body !== body) this.keepOriginal(before);
    this.synced.applyLocalNow([{ type: 'note', paperId: id, text: body, title: meta.title }]);
    this.project(id);
  }

  override updateMeta(id: string, meta: NoteMetaInput): string | null {
    const body = this.read(id);
    if (body === null) return null;
    if (this.merged().noteTitles.get(id) !== meta.title) this.synced.applyLocalNow([{ type: 'note', paperId: id, text: body, title: meta.title }]);
    this.project(id);
    return body;
  }

  override rekey(fromId: string, toId: string, meta: NoteMetaInput): void {
    if (fromId === toId) return;
    this.history.carry(fromId, toId);
    const source = this.read(fromId);
    if (source === null) return;
    const text = mergeNoteBodies(this.read(toId), source);
    this.synced.applyLocalNow([
      { type: 'note', paperId: toId, text, title: meta.title },
      { type: 'note', paperId: fromId, text: '' },
    ]);
    this.project(toId);
    this.project(fromId);
  }

  /**
   * Takes in what other programs and sync tools did to notes/ (edits, conflicted copies), then makes
   * every note's file say what the merged text says. Returns the papers whose note text changed here.
   */
  reconcile(): string[] {
    const edited = this.absorbFileEdits();
    const state = this.merged();
    const ids = new Set([...state.notes.keys(), ...this.filesByOwner().keys()]);
    for (const id of ids) {
      try {
        this.project(id);
      } catch (error) {
        // A disk that refuses writes still lets the user read: the files catch up on the next write.
        if (!isDiskRefusal(error)) throw error;
        return edited;
      }
    }
    return edited;
  }

  /** Writes the Markdown file of `id` from the merged state, unless it already says exactly that. */
  project(id: string): void {
    const state = this.merged();
    const body = state.notes.get(id) ?? '';
    const found = this.locate(id);
    if (body === '') {
      if (found && found.synced !== null && found.synced === textHash(found.body)) {
        this.keepOriginal(found);
        this.remove(found.file);
      }
      return;
    }
    const synced = textHash(body);
    const text = formatNote(id, { title: state.noteTitles.get(id) ?? found?.title ?? id, tags: state.annotations.get(id)?.tags ?? [], synced }, body);
    const file = found?.file ?? this.freeName(id);
    if (found && readUtf8IfExists(join(this.dir, found.file))?.text === text) return;
    if (found && (found.body !== body || !found.valid)) this.keepOriginal(found);
    ensurePrivateDir(this.dir);
    this.projected.set(synced, body);
    this.changeFolder(
      () => writeFileAtomicSync(join(this.dir, file), text),
      (index) => index.set(id, file),
    );
  }

  /** Every .md file with the paper it belongs to. */
  private filesByOwner(): Map<string, NoteFile[]> {
    const owners = new Map<string, NoteFile[]>();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return owners;
    }
    for (const file of names.filter((name) => name.endsWith(NOTE_EXTENSION)).sort()) {
      const read = readUtf8IfExists(join(this.dir, file));
      if (read === null) continue;
      const { meta, body } = parseNote(read.text);
      const id = meta.id ?? idFromNoteFileName(file);
      if (id === null) continue;
      const list = owners.get(id) ?? [];
      list.push({ id, file, body, tags: meta.tags, title: meta.title, synced: meta.synced, valid: read.valid });
      owners.set(id, list);
    }
    return owners;
  }

  private absorbFileEdits(): string[] {
    const state = this.merged();
    const changes: LocalChange[] = [];
    const copies: NoteFile[] = [];
    for (const [id, files] of this.filesByOwner()) {
      let current = state.notes.get(id) ?? '';
      for (const file of files) {
        const copy = isConflictedCopy(file.file, id);
        if (copy) copies.push(file);
        const untouched = file.synced !== null && file.synced === textHash(file.body);
        if (untouched || file.body === current) continue;
        const base = file.synced === null ? undefined : file.synced === textHash(current) ? current : this.projected.get(file.synced);
        // Without the text the file started from, an edit can only add: removing would guess.
        const text = base === undefined || copy ? mergeNoteBodies(current, file.body) : null;
        const title = state.noteTitles.has(id) || file.title === null ? {} : { title: file.title };
        changes.push(text === null && base !== undefined ? { type: 'note', paperId: id, text: file.body, base, ...title } : { type: 'note', paperId: id, text: text ?? file.body, ...title });
        current = text ?? file.body;
      }
    }
    if (changes.length > 0) this.synced.applyLocalNow(changes);
    for (const copy of copies) {
      try {
        moveToBackups(this.dataDir, join(this.dir, copy.file), 'a sync tool\'s copy of a note, taken into the note');
      } catch (error) {
        if (!isDiskRefusal(error)) throw error;
      }
    }
    return [...new Set(changes.map((change) => change.paperId))];
  }
}
