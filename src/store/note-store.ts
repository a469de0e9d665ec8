import { readTextIfExists } from './read-text.ts';
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanStaleTempFiles, writeFileAtomicSync } from './atomic-write.ts';
import { hashedNoteFileName, idFromNoteFileName, NOTE_EXTENSION, noteFileName } from './note-file-names.ts';
import { formatNote, parseNote } from './note-front-matter.ts';
import { withWriteLockSync } from './write-lock.ts';

export const NOTES_DIR = 'notes';

interface NoteFile {
  id: string;
  file: string;
  body: string;
}


/** Changes whenever a file in the folder is created, replaced, renamed or removed. */
function folderStamp(dir: string): string {
  try {
    const s = statSync(dir, { bigint: true });
    return `${s.ino}:${s.mtimeNs}`;
  } catch {
    return 'missing';
  }
}

/** The id a note file belongs to: its front matter's, else the one its name encodes. */
function ownerOf(file: string, frontMatterId: string | null): string | null {
  return frontMatterId ?? idFromNoteFileName(file);
}

/** Joins two notes about one paper without losing text; merging again adds nothing. */
export function mergeNoteBodies(target: string | null, source: string): string {
  if (target === null || target.trim() === '') return source;
  if (target.includes(source.trim())) return target;
  if (source.includes(target.trim())) return source;
  return `${target.trimEnd()}\n\n${source.trimStart()}`;
}

/** One Markdown file per note, `notes/<safe file name>.md`, readable and editable outside the app. */
export class NoteStore {
  readonly dir: string;
  /** id -> file name for notes not at their usual name (renamed by hand); rebuilt when the folder changes. */
  private index: Map<string, string> | null = null;
  private indexStamp: string | null = null;

  constructor(readonly dataDir: string) {
    this.dir = join(dataDir, NOTES_DIR);
  }

  /** The body without front matter, or null when the paper has no note. */
  read(id: string): string | null {
    return this.locate(id)?.body ?? null;
  }

  /** Atomic; an empty or blank body deletes the note. */
  write(id: string, body: string, meta: { title: string; tags: string[] }): void {
    withWriteLockSync(this.dataDir, () => this.writeLocked(id, body, meta));
  }

  /** The paper's id changed (title key -> arXiv id): move the note, merging if both exist. */
  rekey(fromId: string, toId: string, meta: { title: string; tags: string[] }): void {
    if (fromId === toId) return;
    withWriteLockSync(this.dataDir, () => {
      const source = this.locate(fromId);
      if (!source) return;
      const target = this.locate(toId);
      // Target first, then the source is removed: a crash in between leaves both, and redoing the
      // merge finds the source's text already in the target.
      this.writeLocked(toId, mergeNoteBodies(target?.body ?? null, source.body), meta);
      this.remove(source.file);
    });
  }

  listIds(): string[] {
    return [...this.scan().keys()];
  }

  readAll(): Map<string, string> {
    return new Map([...this.scan()].map(([id, note]) => [id, note.body]));
  }

  private writeLocked(id: string, body: string, meta: { title: string; tags: string[] }): void {
    const found = this.locate(id);
    if (body.trim() === '') {
      if (found) this.remove(found.file);
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const file = found?.file ?? this.freeName(id);
    this.changeFolder(
      () => writeFileAtomicSync(join(this.dir, file), formatNote(id, meta, body)),
      (index) => index.set(id, file),
    );
  }

  private remove(file: string): void {
    this.changeFolder(
      () => {
        try {
          unlinkSync(join(this.dir, file));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      },
      (index) => {
        for (const [id, name] of index) if (name === file) index.delete(id);
      },
    );
  }

  /** Keeps the index current across our own changes without rescanning, unless someone else changed the folder too. */
  private changeFolder(change: () => void, updateIndex: (index: Map<string, string>) => void): void {
    const before = folderStamp(this.dir);
    change();
    if (this.index && before === this.indexStamp) {
      updateIndex(this.index);
      this.indexStamp = folderStamp(this.dir);
    } else {
      this.index = null;
    }
  }

  /** The usual name, or the hashed one when another id already owns it (case-insensitive file systems). */
  private freeName(id: string): string {
    const usual = noteFileName(id);
    if (!existsSync(join(this.dir, usual))) return usual;
    const hashed = hashedNoteFileName(id);
    if (!existsSync(join(this.dir, hashed))) return hashed;
    throw new Error(`Both note file names for ${JSON.stringify(id)} belong to other notes`);
  }

  private readClaimed(file: string, id: string): NoteFile | null {
    const text = readTextIfExists(join(this.dir, file));
    if (text === null) return null;
    const { meta, body } = parseNote(text);
    return ownerOf(file, meta.id) === id ? { id, file, body } : null;
  }

  private locate(id: string): NoteFile | null {
    const usual = noteFileName(id);
    const hashed = hashedNoteFileName(id);
    const direct = this.readClaimed(usual, id) ?? (hashed === usual ? null : this.readClaimed(hashed, id));
    if (direct) return direct;
    const stamp = folderStamp(this.dir);
    if (!this.index || stamp !== this.indexStamp) {
      this.index = new Map([...this.scan()].map(([noteId, note]) => [noteId, note.file]));
      this.indexStamp = stamp;
    }
    const file = this.index.get(id);
    return file === undefined ? null : this.readClaimed(file, id);
  }

  /** Every note by id. When two files claim one id, the one at the id's usual name wins. */
  private scan(): Map<string, NoteFile> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    cleanStaleTempFiles(this.dir);
    const notes = new Map<string, NoteFile>();
    for (const file of names.filter((name) => name.endsWith(NOTE_EXTENSION)).sort()) {
      const text = readTextIfExists(join(this.dir, file));
      if (text === null) continue;
      const { meta, body } = parseNote(text);
      const id = ownerOf(file, meta.id);
      if (id === null) continue;
      const usual = file === noteFileName(id) || file === hashedNoteFileName(id);
      if (!notes.has(id) || usual) notes.set(id, { id, file, body });
    }
    return notes;
  }
}
