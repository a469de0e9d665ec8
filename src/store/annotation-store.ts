import { readTextIfExists } from './read-text.ts';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Annotation } from '../model/paper.ts';
import { cleanStaleTempFiles, writeFileAtomicSync } from './atomic-write.ts';
import { copyToBackups, moveToBackups } from './backups.ts';
import { AnnotationCodec } from './annotation-codec.ts';
import { decodeAnnotations, type Decoded } from './annotation-document.ts';
import {
  cloneAnnotation,
  emptyAnnotation,
  finalizeAnnotation,
  isEmptyAnnotation,
  mergeAnnotations,
  sameContent,
} from './annotation-schema.ts';
import { isDiskRefusal } from './disk-errors.ts';
import { withWriteLockSync } from './write-lock.ts';

export const ANNOTATIONS_FILE = 'annotations.json';

/*
 * The file is electron-store's format (one JSON object; `new Store({ name: 'annotations',
 * accessPropertiesByDotNotation: false })` reads it), but conf does not write it, because:
 * - conf throws on a bad file, or with `clearInvalidConfig` empties it; we must salvage entries;
 * - its writer (`atomically`) does not fsync the folder, and a killed writer's temp file cannot be
 *   told from a live one's;
 * - it re-reads and re-serialises the whole file on every `set`; we re-encode only the changed line;
 * - its dot-path keys clash with ids like `2508.07662`.
 */

/** Identifies one version of the file: every write is a rename, so the inode changes too. */
function fingerprint(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}


export class AnnotationStore {
  /** Human-readable reports of what was recovered or moved aside, oldest first. */
  readonly problems: string[] = [];
  readonly path: string;
  private papers = new Map<string, Annotation>();
  /** The file version `papers` reflects; null forces a re-read. */
  private seen: string | null = null;
  private readonly codec = new AnnotationCodec();

  protected constructor(readonly dataDir: string) {
    this.path = join(dataDir, ANNOTATIONS_FILE);
  }

  /**
   * Opens the file, repairing or migrating it if needed. Throws only for a file from a newer version
   * (NewerSchemaError) or an I/O error; what was repaired is listed in `problems`. Reading takes no
   * lock and writes nothing unless a repair is due, so a library on a read-only or full disk opens.
   */
  static open(dataDir: string): AnnotationStore {
    const store = new AnnotationStore(dataDir);
    cleanStaleTempFiles(dataDir, ANNOTATIONS_FILE);
    store.refresh();
    return store;
  }

  get(id: string): Annotation | undefined {
    this.refresh();
    const found = this.papers.get(id);
    return found && cloneAnnotation(found);
  }

  /** A null-prototype object: an id such as `__proto__` is an entry like any other. */
  all(): Record<string, Annotation> {
    this.refresh();
    const copy = Object.create(null) as Record<string, Annotation>;
    for (const [id, annotation] of this.papers) copy[id] = cloneAnnotation(annotation);
    return copy;
  }

  /**
   * Re-reads the file first (another process may have changed it), applies, writes atomically before
   * returning. Removes the entry when it becomes empty (not starred, no tags, no status).
   */
  update(id: string, change: (current: Annotation) => Annotation): Annotation {
    let result = emptyAnnotation();
    this.transact(() => {
      const { next, changed } = this.apply(id, change);
      result = next;
      return changed;
    });
    return cloneAnnotation(result);
  }

  /** Many changes in one write (used by tag rename and backup import). */
  updateMany(changes: Map<string, (current: Annotation) => Annotation>): void {
    this.transact(() => {
      let changed = false;
      for (const [id, change] of changes) changed = this.apply(id, change).changed || changed;
      return changed;
    });
  }

  /** A paper first known by title adopted its arXiv id: move (and merge, if both exist) the annotation. */
  rekey(fromId: string, toId: string): void {
    if (fromId === toId) return;
    this.transact(() => {
      const source = this.papers.get(fromId);
      if (!source) return false;
      const target = this.papers.get(toId);
      this.papers.delete(fromId);
      this.papers.set(toId, target ? mergeAnnotations(target, source, new Date().toISOString()) : source);
      return true;
    });
  }

  private apply(id: string, change: (current: Annotation) => Annotation): { next: Annotation; changed: boolean } {
    const current = this.papers.get(id) ?? emptyAnnotation();
    const next = finalizeAnnotation(current, change(cloneAnnotation(current)), new Date().toISOString());
    if (sameContent(current, next) && next.updatedAt === current.updatedAt) return { next, changed: false };
    if (isEmptyAnnotation(next)) this.papers.delete(id);
    else this.papers.set(id, next);
    return { next, changed: true };
  }

  /** Read-modify-write under the data folder's lock; `mutate` returns whether anything changed. */
  private transact(mutate: () => boolean): void {
    withWriteLockSync(this.dataDir, () => {
      this.refresh();
      try {
        if (mutate()) this.write();
      } catch (error) {
        // Memory may be ahead of the disk now; the next access reloads the file.
        this.seen = null;
        throw error;
      }
    });
  }

  private write(): void {
    writeFileAtomicSync(this.path, this.codec.encode(this.papers));
    this.seen = fingerprint(this.path);
  }

  /** Loads the file if it changed since we last saw it; repairs or migrates it under the lock. */
  private refresh(): void {
    const before = fingerprint(this.path);
    if (before === this.seen) return;
    const text = readTextIfExists(this.path);
    if (text === null) {
      this.papers = new Map();
      this.seen = before;
      return;
    }
    const decoded = this.decode(text);
    if (decoded.kind === 'ok') {
      this.papers = decoded.papers;
      this.seen = before;
      return;
    }
    try {
      this.repairUnderLock(before, decoded);
    } catch (error) {
      if (!isDiskRefusal(error)) throw error;
      // A disk that refuses writes still lets the user read what could be recovered.
      this.papers = decoded.papers;
      this.seen = before;
      this.problems.push(`annotations.json needs a repair that the disk refused (${(error as Error).message}); read what could be recovered`);
    }
  }

  /** Repair once, by whoever holds the lock; the file may have been fixed while we waited. */
  private repairUnderLock(before: string, decoded: Exclude<Decoded, { kind: 'ok' }>): void {
    withWriteLockSync(this.dataDir, () => {
      const current = fingerprint(this.path);
      const again = current === before ? decoded : this.decodeFromDisk();
      if (again === null) {
        this.papers = new Map();
        this.seen = current;
      } else if (again.kind === 'ok') {
        this.papers = again.papers;
        this.seen = current;
      } else {
        this.repair(again);
      }
    });
  }

  private decodeFromDisk(): Decoded | null {
    const text = readTextIfExists(this.path);
    return text === null ? null : this.decode(text);
  }

  private decode(text: string): Decoded {
    const papers = this.codec.decode(text);
    return papers ? { kind: 'ok', papers } : decodeAnnotations(text, ANNOTATIONS_FILE);
  }

  private repair(decoded: Exclude<Decoded, { kind: 'ok' }>): void {
    const where = (backup: string): string => relative(this.dataDir, backup);
    if (decoded.kind === 'migrated') {
      copyToBackups(this.dataDir, this.path, `before migrating from schema version ${decoded.fromVersion}`);
    } else {
      const backup = moveToBackups(this.dataDir, this.path, decoded.problems[0] ?? 'corrupt');
      const count = decoded.papers.size;
      const recovered = `${count} annotated ${count === 1 ? 'paper' : 'papers'}`;
      this.problems.push(
        `${decoded.problems[0]}: moved it to ${where(backup)} and recovered ${recovered}.`,
        ...decoded.problems.slice(1),
      );
    }
    this.papers = decoded.papers;
    this.write();
  }
}
