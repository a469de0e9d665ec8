import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cleanStaleTempFiles, writeFileAtomicSync } from './atomic-write.ts';
import { copyToBackups } from './backups.ts';
import { ensurePrivateDir } from './disk-errors.ts';
import { hashedNoteFileName, idFromNoteFileName, NOTE_EXTENSION, noteFileName } from './note-file-names.ts';
import { formatNote, parseNote } from './note-front-matter.ts';
import { NoteHistory, type NoteVersion } from './note-history.ts';
import { readUtf8IfExists } from './read-text.ts';
import { withWriteLockSync } from './write-lock.ts';

export const NOTES_DIR = 'notes';

export interface NoteFile {
  id: string;
  file: string;
  body: string;
  tags: string[];
  title: string | null;
  synced: string | null;
  device: string | null;
  /** False when the file's bytes are not UTF-8: its original must be kept before it is rewritten. */
  valid: boolean;
}

export interface NoteMetaInput {
  title: string;
  tags: string[];
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
  readonly history: NoteHistory;
  /** What was kept aside while writing (a note that was not UTF-8), in words for the user. */
  readonly problems: string[] = [];
  /** id -> file name for notes not at their usual name (renamed by hand); rebuilt when the folder changes. */
  private index: Map<string, string> | null = null;
  private indexStamp: string | null = null;

  /** `onProblem` hears, as it happens, what was kept aside (default: a warning line on stderr). */
  constructor(
    readonly dataDir: string,
    private readonly onProblem: (message: string) => void = (message) => process.stderr.write(`papershelf: warning: ${message}\n`),
    history?: NoteHistory,
  ) {
    this.dir = join(dataDir, NOTES_DIR);
    this.history = history ?? new NoteHistory(dataDir);
  }

  /** The body without front matter, or null when the paper has no note. */
  read(id: string): string | null {
    return this.locate(id)?.body ?? null;
  }

  /** Atomic; an empty or blank body deletes the note. What the file held before goes to the history. */
  write(id: string, body: string, meta: NoteMetaInput): void {
    withWriteLockSync(this.dataDir, () => this.writeLocked(id, body, meta));
  }

  /** Rewrites the note's front matter when its title or tags changed; returns the body as on disk. */
  updateMeta(id: string, meta: NoteMetaInput): string | null {
    return withWriteLockSync(this.dataDir, () => {
      const found = this.locate(id);
      if (!found) return null;
      if (JSON.stringify(found.tags) !== JSON.stringify(meta.tags)) this.writeLocked(id, found.body, meta);
      return found.body;
    });
  }

  /** Earlier versions of the note, newest first. */
  versions(id: string): NoteVersion[] {
    return this.history.list(id);
  }

  /** The paper's id changed (title key -> arXiv id): move the note, merging if both exist. */
  rekey(fromId: string, toId: string, meta: NoteMetaInput): void {
    if (fromId === toId) return;
    withWriteLockSync(this.dataDir, () => {
      // The history moves even when the note itself was cleared: its earlier versions are still words.
      this.history.carry(fromId, toId);
      const source = this.locate(fromId);
      if (!source) return;
      const target = this.locate(toId);
      // Target first, then the source is removed: a crash in between leaves both, and redoing the
      // merge finds the source's text already in the target.
      this.writeLocked(toId, mergeNoteBodies(target?.body ?? null, source.body), meta);
      this.keepOriginal(source);
      this.remove(source.file);
    });
  }

  listIds(): string[] {
    return [...this.scan().keys()];
  }

  /** Every note file with its front matter (one per paper). */
  files(): NoteFile[] {
    return [...this.scan().values()];
  }

  readAll(): Map<string, string> {
    return new Map([...this.scan()].map(([id, note]) => [id, note.body]));
  }

  private writeLocked(id: string, body: string, meta: NoteMetaInput): void {
    const found = this.locate(id);
    if (found) this.keepOriginal(found);
    if (body.trim() === '') {
      if (found) this.remove(found.file);
      return;
    }
    ensurePrivateDir(this.dir);
    const file = found?.file ?? this.freeName(id);
    this.changeFolder(
      () => writeFileAtomicSync(join(this.dir, file), formatNote(id, meta, body)),
      (index) => index.set(id, file),
    );
  }

  /** Before a note file is replaced or removed: its text to the history, its bytes to backups/ if not UTF-8. */
  protected keepOriginal(found: NoteFile): void {
    const path = join(this.dir, found.file);
    if (!found.valid) {
      const backup = copyToBackups(this.dataDir, path, 'not valid UTF-8; kept before the note was rewritten');
      const message = `notes/${found.file} was not valid UTF-8: its original bytes were kept in ${relative(this.dataDir, backup)}`;
      this.problems.push(message);
      this.onProblem(message);
    }
    let savedAt = new Date();
    try {
      savedAt = statSync(path).mtime;
    } catch {
      // Gone meanwhile: now is as good a time as any.
    }
    this.history.record(found.id, found.body, found.tags, savedAt);
  }

  protected remove(file: string): void {
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
  protected changeFolder(change: () => void, updateIndex: (index: Map<string, string>) => void): void {
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
  protected freeName(id: string): string {
    const usual = noteFileName(id);
    if (!existsSync(join(this.dir, usual))) return usual;
    const hashed = hashedNoteFileName(id);
    if (!existsSync(join(this.dir, hashed))) return hashed;
    throw new Error(`Both note file names for ${JSON.stringify(id)} belong to other notes`);
  }

  protected readClaimed(file: string, id: string): NoteFile | null {
    const read = readUtf8IfExists(join(this.dir, file));
    if (read === null) return null;
    const { meta, body } = parseNote(read.text);
    return ownerOf(file, meta.id) === id ? { id, file, body, tags: meta.tags, title: meta.title, synced: meta.synced, device: meta.device, valid: read.valid } : null;
  }

  protected locate(id: string): NoteFile | null {
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
  protected scan(): Map<string, NoteFile> {
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
      const read = readUtf8IfExists(join(this.dir, file));
      if (read === null) continue;
      const { meta, body } = parseNote(read.text);
      const id = ownerOf(file, meta.id);
      if (id === null) continue;
      const usual = file === noteFileName(id) || file === hashedNoteFileName(id);
      if (!notes.has(id) || usual) notes.set(id, { id, file, body, tags: meta.tags, title: meta.title, synced: meta.synced, device: meta.device, valid: read.valid });
    }
    return notes;
  }
}
