/**
 * The kept PDFs: `<dataDir>/pdfs/<name>.pdf`, named like notes (note-file-names.ts: readable,
 * reversible, safe on every file system). A PDF appears only whole: a download grows in
 * `<name>.pdf.part` (beside it `<name>.pdf.part.json` says what it is a part of, for resuming) and
 * is renamed into place after it was checked and fsynced; an import is written atomically. While a
 * process downloads a paper it holds `<name>.pdf.lock`, so two processes never grow one part.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fsyncDir, writeFileAtomic } from '../store/atomic-write.ts';
import { asDiskRefusal, ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/disk-errors.ts';
import { idFromNoteFileName, NOTE_EXTENSION, noteFileName } from '../store/note-file-names.ts';
import { isProcessAlive } from '../store/process-alive.ts';

export const PDF_DIR = 'pdfs';
const PDF_EXTENSION = '.pdf';
const PART = '.part';
/** A lock whose holder is on another machine (a synced folder) is trusted this long. */
const FOREIGN_LOCK_MS = 60 * 60 * 1000;

/** The file name of a paper's PDF. */
export function pdfFileName(id: string): string {
  return `${noteFileName(id).slice(0, -NOTE_EXTENSION.length)}${PDF_EXTENSION}`;
}

/** The paper id a kept PDF's name stands for; null for other files and for hashed (very long) ids. */
export function idFromPdfFileName(name: string): string | null {
  if (!name.endsWith(PDF_EXTENSION)) return null;
  return idFromNoteFileName(`${name.slice(0, -PDF_EXTENSION.length)}${NOTE_EXTENSION}`);
}

/** What a part was being downloaded from, so the next run resumes only the same file. */
export interface PartInfo {
  url: string;
  /** The response's ETag or Last-Modified: sent back as If-Range, so a changed file restarts. */
  validator: string | null;
}

/** Where a kept PDF came from, recorded beside it in `<name>.pdf.json`. */
export interface KeptMeta {
  source: 'arxiv' | 'url' | 'import';
  fetchedAt: string;
}

/** A kept PDF as pruning and `pdfInfo` see it. */
export interface KeptPdf {
  id: string;
  bytes: number;
  /** The recorded keeping time, else the file's modification time. */
  keptAt: string;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export class PdfStore {
  readonly dir: string;

  constructor(readonly dataDir: string) {
    this.dir = join(dataDir, PDF_DIR);
  }

  pathOf(id: string): string {
    return join(this.dir, pdfFileName(id));
  }

  partPath(id: string): string {
    return `${this.pathOf(id)}${PART}`;
  }

  private infoPath(id: string): string {
    return `${this.partPath(id)}.json`;
  }

  /** The size of the kept PDF, or null when there is none. */
  keptBytes(id: string): number | null {
    try {
      const stat = statSync(this.pathOf(id));
      return stat.isFile() ? stat.size : null;
    } catch {
      return null;
    }
  }

  ensureDir(): void {
    ensurePrivateDir(this.dir);
  }

  private metaPath(id: string): string {
    return `${this.pathOf(id)}.json`;
  }

  /** Keeps `bytes` (already checked) as the paper's PDF, replacing any earlier one at once. */
  async keep(id: string, bytes: Uint8Array, source: KeptMeta['source'] = 'import'): Promise<void> {
    this.ensureDir();
    await writeFileAtomic(this.pathOf(id), bytes);
    await this.discardPart(id);
    await this.recordMeta(id, source);
  }

  /** Records where the kept PDF came from; a failure to record it loses nothing but the label. */
  async recordMeta(id: string, source: KeptMeta['source']): Promise<void> {
    const meta: KeptMeta = { source, fetchedAt: new Date().toISOString() };
    await writeFileAtomic(this.metaPath(id), JSON.stringify(meta)).catch(() => undefined);
  }

  /** Where the kept PDF came from and when; null when nothing is kept. Older PDFs have no source. */
  meta(id: string): { source: KeptMeta['source'] | null; fetchedAt: string } | null {
    let mtime: Date;
    try {
      const stat = statSync(this.pathOf(id));
      if (!stat.isFile()) return null;
      mtime = stat.mtime;
    } catch {
      return null;
    }
    try {
      const raw = JSON.parse(readFileSync(this.metaPath(id), 'utf8')) as Partial<KeptMeta>;
      const source = raw.source === 'arxiv' || raw.source === 'url' || raw.source === 'import' ? raw.source : null;
      return { source, fetchedAt: typeof raw.fetchedAt === 'string' ? raw.fetchedAt : mtime.toISOString() };
    } catch {
      return { source: null, fetchedAt: mtime.toISOString() };
    }
  }

  /** Bytes already downloaded and what they are part of; a part without its info cannot be resumed. */
  partState(id: string): { bytes: number; info: PartInfo | null } {
    let bytes: number;
    try {
      bytes = statSync(this.partPath(id)).size;
    } catch {
      return { bytes: 0, info: null };
    }
    try {
      const raw = JSON.parse(readFileSync(this.infoPath(id), 'utf8')) as Partial<PartInfo>;
      const info = typeof raw.url === 'string' ? { url: raw.url, validator: typeof raw.validator === 'string' ? raw.validator : null } : null;
      return { bytes, info };
    } catch {
      return { bytes, info: null };
    }
  }

  /** Starts a part afresh (empty), recording what it is a part of. */
  async startPart(id: string, info: PartInfo): Promise<void> {
    this.ensureDir();
    await writeFileAtomic(this.infoPath(id), JSON.stringify(info));
    const handle = await open(this.partPath(id), 'w', PRIVATE_FILE_MODE).catch((error: unknown) => {
      throw asDiskRefusal(error);
    });
    await handle.close();
  }

  readPart(id: string): Promise<Buffer> {
    return readFile(this.partPath(id));
  }

  /**
   * The checked part (fsynced by its writer) becomes the kept PDF in one rename; the folder is
   * fsynced so the rename survives a power cut.
   */
  async finishPart(id: string, source: KeptMeta['source'] = 'url'): Promise<void> {
    try {
      await rename(this.partPath(id), this.pathOf(id));
    } catch (error) {
      throw asDiskRefusal(error);
    }
    await rm(this.infoPath(id), { force: true });
    await fsyncDir(this.dir);
    await this.recordMeta(id, source);
  }

  /** Every kept PDF whose name gives back its paper id. */
  keptList(): KeptPdf[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const kept: KeptPdf[] = [];
    for (const name of names) {
      const id = idFromPdfFileName(name);
      if (id === null) continue;
      const meta = this.meta(id);
      const bytes = this.keptBytes(id);
      if (meta && bytes !== null) kept.push({ id, bytes, keptAt: meta.fetchedAt });
    }
    return kept;
  }

  async discardPart(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
    await rm(this.infoPath(id), { force: true });
  }

  /** Removes the paper's PDF (and any part); false when there was none. */
  async remove(id: string): Promise<boolean> {
    const had = this.keptBytes(id) !== null;
    await rm(this.pathOf(id), { force: true });
    await rm(this.metaPath(id), { force: true });
    await this.discardPart(id);
    return had;
  }

  /** How many PDFs are kept and their total size. */
  totals(): { count: number; bytes: number } {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return { count: 0, bytes: 0 };
    }
    let count = 0;
    let bytes = 0;
    for (const name of names) {
      if (!name.endsWith(PDF_EXTENSION)) continue;
      try {
        const stat = statSync(join(this.dir, name));
        if (!stat.isFile()) continue;
        count += 1;
        bytes += stat.size;
      } catch {
        // Removed while we counted.
      }
    }
    return { count, bytes };
  }

  /**
   * Claims the paper's download for this process; null when another live process is downloading it.
   * The returned function releases the claim.
   */
  claimDownload(id: string): (() => void) | null {
    this.ensureDir();
    const lock = `${this.pathOf(id)}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lock, 'wx', PRIVATE_FILE_MODE);
        try {
          writeSync(fd, `${process.pid} ${hostname()}`);
        } finally {
          closeSync(fd);
        }
        return () => {
          try {
            unlinkSync(lock);
          } catch {
            // Already gone: nothing to release.
          }
        };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw asDiskRefusal(error);
        if (!this.lockIsStale(lock)) return null;
        try {
          unlinkSync(lock);
        } catch {
          // Another process cleared it first; the next try sees who holds it now.
        }
      }
    }
    return null;
  }

  private lockIsStale(lock: string): boolean {
    try {
      const [pid, host] = readFileSync(lock, 'utf8').trim().split(' ');
      const holder = Number(pid);
      if (host === hostname() && Number.isInteger(holder) && holder > 0) return !isProcessAlive(holder);
      return Date.now() - statSync(lock).mtimeMs > FOREIGN_LOCK_MS;
    } catch {
      return false;
    }
  }
}
