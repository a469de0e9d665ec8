import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';

/*
 * A Dropbox-like copier between two folders, for tests: each `sync()` copies files changed on one side
 * to the other, removes on one side what the other removed, and when both sides changed the same file
 * since the last sync keeps side A's version under the name and side B's as
 * `name (conflicted copy 2026-01-02).ext` on both sides. `halfCopy` copies only the first half of the
 * chosen files, like a tool caught
 * mid-transfer: the next sync completes them.
 */

export interface SyncOptions {
  halfCopy?: (path: string) => boolean;
  /** Only these paths take part in this sync (default: all). */
  only?: (path: string) => boolean;
}

export interface SyncReport {
  copied: string[];
  deleted: string[];
  conflicts: string[];
  halfCopied: string[];
}

function listFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        files.set(relative(root, path).split(sep).join('/'), createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(root);
  return files;
}

export function conflictedCopyName(path: string, date = '2026-01-02'): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)} (conflicted copy ${date})${ext}`;
}

export class FolderCopier {
  /** Content hash of each path as it was on both sides after the last sync. */
  private readonly base = new Map<string, string>();

  constructor(
    readonly a: string,
    readonly b: string,
  ) {}

  sync(options: SyncOptions = {}): SyncReport {
    const report: SyncReport = { copied: [], deleted: [], conflicts: [], halfCopied: [] };
    const sideA = listFiles(this.a);
    const sideB = listFiles(this.b);
    const paths = new Set([...sideA.keys(), ...sideB.keys(), ...this.base.keys()]);
    for (const path of [...paths].sort()) {
      if (options.only && !options.only(path)) continue;
      const hashA = sideA.get(path);
      const hashB = sideB.get(path);
      const base = this.base.get(path);
      if (hashA === hashB) {
        if (hashA === undefined) this.base.delete(path);
        else this.base.set(path, hashA);
        continue;
      }
      const changedA = hashA !== base;
      const changedB = hashB !== base;
      if (changedA && changedB && hashA !== undefined && hashB !== undefined) {
        const copy = conflictedCopyName(path);
        this.write(this.a, copy, this.read(this.b, path));
        this.write(this.b, copy, this.read(this.b, path));
        this.write(this.b, path, this.read(this.a, path));
        this.base.set(path, hashA);
        this.base.set(copy, hashB);
        report.conflicts.push(path);
        continue;
      }
      // One side changed (or deleted while the other changed: the change is kept, as Dropbox does).
      const [from, to, hash] = changedA && hashA !== undefined ? [this.a, this.b, hashA] : changedB && hashB !== undefined ? [this.b, this.a, hashB] : [null, null, undefined];
      if (from && to && hash !== undefined) {
        const bytes = this.read(from, path);
        if (options.halfCopy?.(path)) {
          const half = bytes.subarray(0, Math.floor(bytes.length / 2));
          this.write(to, path, half);
          // The half is what the receiving side "has": the next sync sees only the sender's change.
          this.base.set(path, createHash('sha256').update(half).digest('hex'));
          report.halfCopied.push(path);
          continue;
        }
        this.write(to, path, bytes);
        this.base.set(path, hash);
        report.copied.push(path);
      } else {
        const root = hashA === undefined ? this.b : this.a;
        rmSync(join(root, path), { force: true });
        this.removeEmptyFolders(root, dirname(path));
        this.base.delete(path);
        report.deleted.push(path);
      }
    }
    return report;
  }

  /** Sync tools remove a folder whose files were all removed on the other side. */
  private removeEmptyFolders(root: string, folder: string): void {
    for (let dir = folder; dir !== '.' && dir !== ''; dir = dirname(dir)) {
      try {
        rmdirSync(join(root, dir));
      } catch {
        return; // Not empty.
      }
    }
  }

  private read(root: string, path: string): Buffer {
    return readFileSync(join(root, path));
  }

  private write(root: string, path: string, bytes: Uint8Array): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
}
