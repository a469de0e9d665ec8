import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.ts';
import { ensurePrivateDir } from './disk-errors.ts';
import { NOTE_EXTENSION, noteFileName } from './note-file-names.ts';
import { readTextIfExists } from './read-text.ts';

/*
 * Earlier versions of each note, so that no saved word is unrecoverable: every time a note file is
 * replaced or removed, the text it held goes here first. One JSON-lines file per note in
 * `note-history/`, beside `notes/` so that editors and note listings never mistake it for a note. The last
 * MAX_VERSIONS_PER_NOTE versions of a note are kept, and at most MAX_HISTORY_BYTES for the whole
 * library, dropping the oldest versions first.
 */

export const HISTORY_DIR = 'note-history';
export const MAX_VERSIONS_PER_NOTE = 50;
export const MAX_HISTORY_BYTES = 4 * 1024 * 1024;
const HISTORY_EXTENSION = '.jsonl';

export interface NoteVersion {
  version: number;
  /** When this text was saved (the replaced file's modification time). */
  savedAt: string;
  text: string;
  tags: string[];
}

interface StoredVersion extends NoteVersion {
  id: string;
}

function parseLine(line: string): StoredVersion | null {
  try {
    const value = JSON.parse(line) as Partial<StoredVersion> | null;
    if (
      value &&
      typeof value.id === 'string' &&
      typeof value.version === 'number' &&
      typeof value.savedAt === 'string' &&
      typeof value.text === 'string'
    ) {
      const tags = Array.isArray(value.tags) ? value.tags.filter((tag): tag is string => typeof tag === 'string') : [];
      return { id: value.id, version: value.version, savedAt: value.savedAt, text: value.text, tags };
    }
  } catch {
    // A damaged line (a disk error, a hand edit) costs that version only.
  }
  return null;
}

export class NoteHistory {
  readonly dir: string;

  /** `dir`: where the versions are kept (default `note-history/` in the data folder). */
  constructor(
    dataDir: string,
    private readonly budgetBytes = MAX_HISTORY_BYTES,
    dir?: string,
  ) {
    this.dir = dir ?? join(dataDir, HISTORY_DIR);
  }

  /** Newest first. */
  list(id: string): NoteVersion[] {
    return this.read(this.fileOf(id))
      .filter((entry) => entry.id === id)
      .reverse()
      .map(({ version, savedAt, text, tags }) => ({ version, savedAt, text, tags }));
  }

  get(id: string, version: number): NoteVersion | undefined {
    return this.list(id).find((entry) => entry.version === version);
  }

  /** Keeps `text` as the note's newest earlier version, unless that is what the newest already holds. */
  record(id: string, text: string, tags: readonly string[], savedAt: Date): void {
    if (text.trim() === '') return;
    const file = this.fileOf(id);
    const all = this.read(file);
    const mine = all.filter((entry) => entry.id === id);
    const newest = mine.at(-1);
    if (newest && newest.text === text && JSON.stringify(newest.tags) === JSON.stringify(tags)) return;
    const version = (newest?.version ?? 0) + 1;
    all.push({ id, version, savedAt: savedAt.toISOString(), text, tags: [...tags] });
    const excess = mine.length + 1 - MAX_VERSIONS_PER_NOTE;
    let dropped = 0;
    const kept = all.filter((entry) => !(entry.id === id && excess > 0 && dropped++ < excess));
    ensurePrivateDir(this.dir);
    this.write(file, kept);
    this.enforceBudget();
  }

  /**
   * The paper moved to a new id (a title key resolved to an arXiv id): copies the old id's versions,
   * oldest first, onto the new id's history so `note --history` under the new id still shows them.
   * The old id's entries stay (the size budget ages them out). Running twice copies nothing more.
   */
  carry(from: string, to: string): number {
    if (from === to) return 0;
    const already = new Set(this.list(to).map((version) => `${version.savedAt}\n${version.text}`));
    let carried = 0;
    for (const version of this.list(from).reverse()) {
      if (already.has(`${version.savedAt}\n${version.text}`)) continue;
      this.record(to, version.text, version.tags, new Date(version.savedAt));
      carried += 1;
    }
    return carried;
  }

  private fileOf(id: string): string {
    return join(this.dir, `${noteFileName(id).slice(0, -NOTE_EXTENSION.length)}${HISTORY_EXTENSION}`);
  }

  private read(file: string): StoredVersion[] {
    const text = readTextIfExists(file);
    if (text === null) return [];
    return text
      .split('\n')
      .map(parseLine)
      .filter((entry): entry is StoredVersion => entry !== null);
  }

  private write(file: string, entries: StoredVersion[]): void {
    if (entries.length === 0) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
      return;
    }
    writeFileAtomicSync(file, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  }

  private files(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((name) => name.endsWith(HISTORY_EXTENSION))
        .map((name) => join(this.dir, name));
    } catch {
      return [];
    }
  }

  /** Over budget: drops the library's oldest versions until it is back under 90% of it. */
  private enforceBudget(): void {
    const files = this.files();
    const sizeOf = (file: string): number => {
      try {
        return statSync(file).size;
      } catch {
        return 0;
      }
    };
    let total = files.reduce((sum, file) => sum + sizeOf(file), 0);
    if (total <= this.budgetBytes) return;
    const entries = files.flatMap((file) => this.read(file).map((entry) => ({ file, entry })));
    entries.sort((a, b) => a.entry.savedAt.localeCompare(b.entry.savedAt) || a.entry.version - b.entry.version);
    const drop = new Set<StoredVersion>();
    for (const { entry } of entries) {
      if (total <= this.budgetBytes * 0.9) break;
      drop.add(entry);
      total -= Buffer.byteLength(`${JSON.stringify(entry)}\n`);
    }
    const touched = new Set(entries.filter(({ entry }) => drop.has(entry)).map(({ file }) => file));
    for (const file of touched) {
      this.write(
        file,
        entries
          .filter((item) => item.file === file && !drop.has(item.entry))
          .map((item) => item.entry)
          .sort((a, b) => a.version - b.version),
      );
    }
  }
}
