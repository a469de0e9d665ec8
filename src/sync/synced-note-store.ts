import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { moveToBackups } from '../store/backups.ts';
import { ensurePrivateDir, isDiskRefusal } from '../store/disk-errors.ts';
import { hashedNoteFileName, idFromNoteFileName, NOTE_EXTENSION, noteFileName } from '../store/note-file-names.ts';
import { formatNote, parseNote } from '../store/note-front-matter.ts';
import type { NoteHistory } from '../store/note-history.ts';
import { mergeNoteBodies, NoteStore, type NoteFile, type NoteMetaInput } from '../store/note-store.ts';
import { readUtf8IfExists } from '../store/read-text.ts';
import { conflictedCopyOf } from './conflict-names.ts';
import { writeDerivedFileSync } from './derived-file.ts';
import type { LocalChange, MergedState } from './library-doc.ts';
import type { SyncedLibrary } from './synced-library.ts';

/*
 * Notes of a library in the sync layout. The text is the merged Y.Text of every device; notes/*.md are
 * its readable projections, written with `synced: <hash of the text they were written from>` and
 * `device: <the device that changed the note last>`. A file whose body no longer matches its hash was
 * edited in another program: the device it names takes the edit in as its own change (one device, so
 * an edit a sync tool carried everywhere is applied once), carried onto the current text as a patch
 * when the text it started from is known, and added to it (nothing removed) when not. Every device
 * writes the same bytes for the same merged state, so devices projecting one note do not make a sync
 * tool keep two versions; a conflicted copy a tool makes anyway is taken in the same way, then removed
 * (moved to backups/ when it held an edit).
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
  private readonly bases: NoteBases;

  constructor(
    dataDir: string,
    private readonly synced: SyncedLibrary,
    private readonly merged: () => MergedState,
    history: NoteHistory,
  ) {
    super(dataDir, undefined, history);
    this.bases = new NoteBases(join(history.dir, 'bases'));
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
    const { edited, waiting, owners } = this.absorbFileEdits();
    const ids = new Set([...this.merged().notes.keys(), ...owners.keys()]);
    for (const id of ids) {
      const files = (owners.get(id) ?? []).filter((file) => existsSync(join(this.dir, file.file)) && !isConflictedCopy(file.file, id));
      const usual = files.find((file) => file.file === noteFileName(id) || file.file === hashedNoteFileName(id)) ?? files[0] ?? null;
      try {
        this.project(id, waiting, usual);
      } catch (error) {
        // A disk that refuses writes still lets the user read: the files catch up on the next write.
        if (!isDiskRefusal(error)) throw error;
        return edited;
      }
    }
    return edited;
  }

  /**
   * Writes the Markdown file of `id` from the merged state, unless it already says that. A file edited
   * elsewhere that another device is to take in is left alone until that device has.
   */
  project(id: string, waiting: ReadonlySet<string> = new Set(), known?: NoteFile | null): void {
    if (waiting.has(id)) return;
    const state = this.merged();
    const body = state.notes.get(id) ?? '';
    // `known`: the file a scan of the folder just found (or null: none), saving a search per note.
    const found = known === undefined ? this.locate(id) : known;
    if (body === '') {
      if (found && found.synced !== null && found.synced === textHash(found.body)) {
        this.keepOriginal(found);
        this.remove(found.file);
      }
      return;
    }
    const synced = textHash(body);
    const title = state.noteTitles.get(id) ?? found?.title ?? id;
    const tags = state.annotations.get(id)?.tags ?? [];
    const author = state.noteAuthors.get(id) ?? this.synced.deviceId;
    const same = found && found.valid && found.body === body && found.synced === synced && found.device === author && found.title === title;
    if (same && JSON.stringify(found.tags) === JSON.stringify(tags)) return;
    if (author === this.synced.deviceId) this.bases.remember(id, synced, body);
    const text = formatNote(id, { title, tags, synced, device: author }, body);
    const file = found?.file ?? this.freeName(id);
    if (found && (found.body !== body || !found.valid)) this.keepOriginal(found);
    ensurePrivateDir(this.dir);
    this.changeFolder(
      () => writeDerivedFileSync(join(this.dir, file), text),
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
      list.push({ id, file, body, tags: meta.tags, title: meta.title, synced: meta.synced, device: meta.device, valid: read.valid });
      owners.set(id, list);
    }
    return owners;
  }

  /**
   * Edits made to notes/ in other programs become this device's changes. A file names the device that
   * changed its note last; only that device takes in an edit of it (and a sync tool's copy of it), so an
   * edit carried to several devices is applied once. Returns the papers it changed and the papers whose
   * files wait for another device.
   */
  private absorbFileEdits(): { edited: string[]; waiting: Set<string>; owners: Map<string, NoteFile[]> } {
    const state = this.merged();
    const me = this.synced.deviceId;
    const changes: LocalChange[] = [];
    const copies: Array<{ file: NoteFile; edited: boolean }> = [];
    const waiting = new Set<string>();
    const owners = this.filesByOwner();
    for (const [id, files] of owners) {
      let current = state.notes.get(id) ?? '';
      for (const file of files) {
        const untouched = file.synced !== null && file.synced === textHash(file.body);
        if (file.device !== null && file.device !== me) {
          if (!untouched) waiting.add(id);
          continue;
        }
        const copy = isConflictedCopy(file.file, id);
        if (copy) copies.push({ file, edited: !untouched });
        // A text already taken in (a copy a sync tool brought back) is not applied twice.
        if (untouched || file.body === current || this.bases.recall(id, textHash(file.body)) !== undefined) continue;
        const base = file.synced === null ? undefined : file.synced === textHash(current) ? current : this.bases.recall(id, file.synced);
        const title = state.noteTitles.has(id) || file.title === null ? {} : { title: file.title };
        // Without the text the file started from, an edit can only add: removing would be a guess.
        const merged = base === undefined ? mergeNoteBodies(current, file.body) : null;
        changes.push(merged === null && base !== undefined ? { type: 'note', paperId: id, text: file.body, base, ...title } : { type: 'note', paperId: id, text: merged ?? file.body, ...title });
        this.bases.remember(id, textHash(file.body), file.body);
        current = merged ?? file.body;
      }
    }
    if (changes.length > 0) this.synced.applyLocalNow(changes);
    for (const { file, edited } of copies) {
      const path = join(this.dir, file.file);
      try {
        // A copy that only repeats a text some device wrote holds nothing new: its words are in that device's files.
        if (edited) moveToBackups(this.dataDir, path, "a sync tool's copy of a note, taken into the note");
        else rmSync(path, { force: true });
      } catch (error) {
        if (!isDiskRefusal(error)) throw error;
      }
    }
    return { edited: [...new Set(changes.map((change) => change.paperId))], waiting, owners };
  }
}

/** The last few texts each note's file was written from (by hash), in this device's own folder: the base of an edit. */
class NoteBases {
  private static readonly KEPT = 8;

  constructor(private readonly dir: string) {}

  private path(id: string): string {
    return join(this.dir, `${noteFileName(id).slice(0, -NOTE_EXTENSION.length)}.json`);
  }

  private read(id: string): Array<{ hash: string; text: string }> {
    const read = readUtf8IfExists(this.path(id));
    if (!read) return [];
    try {
      const parsed = JSON.parse(read.text) as unknown;
      return Array.isArray(parsed) ? parsed.filter((entry): entry is { hash: string; text: string } => typeof entry?.hash === 'string' && typeof entry?.text === 'string') : [];
    } catch {
      return [];
    }
  }

  remember(id: string, hash: string, text: string): void {
    const entries = this.read(id);
    if (entries.some((entry) => entry.hash === hash)) return;
    ensurePrivateDir(this.dir);
    writeDerivedFileSync(this.path(id), JSON.stringify([{ hash, text }, ...entries].slice(0, NoteBases.KEPT)));
  }

  recall(id: string, hash: string): string | undefined {
    return this.read(id).find((entry) => entry.hash === hash)?.text;
  }
}
