/**
 * A segment's papers as a process that keeps only indexes reads them: where each paper's line lies
 * in `seg-NNNN.jsonl`, and the file kept open, so one paper is one read of its line. The search
 * worker needs a paper's text only now and then (a phrase to confirm, a page to show, a DOI), and a
 * second copy of every paper in memory would double the library's footprint.
 *
 * The open file is what makes this safe: segment files never change, and a merge that deletes one
 * leaves it readable through a descriptor opened before, until the reader lets the segment go.
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { StoredPaper } from '../../model/paper.ts';
import { normalizeDoi } from '../query/paper-references.ts';

export class PaperLines {
  private closed = false;
  /** Normalized DOI -> lines holding it (file order), built on the first DOI asked of this segment. */
  private dois: Map<string, number[]> | null = null;

  private readonly fd: number;

  private constructor(
    private readonly handle: FileHandle,
    private readonly starts: Float64Array,
    private readonly lengths: Uint32Array,
  ) {
    this.fd = handle.fd;
  }

  /** The lines of the paper file read through `handle` (`bytes`: its content), which stays open. */
  static of(handle: FileHandle, bytes: Buffer): PaperLines {
    const starts: number[] = [];
    const lengths: number[] = [];
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(10, start);
      const stop = end < 0 ? bytes.length : end;
      if (stop > start) {
        starts.push(start);
        lengths.push(stop - start);
      }
      start = stop + 1;
    }
    return new PaperLines(handle, Float64Array.from(starts), Uint32Array.from(lengths));
  }

  get count(): number {
    return this.starts.length;
  }

  /** The paper on line `line`, parsed from the file (the caller caches). */
  read(line: number): StoredPaper {
    if (this.closed) throw new Error('the segment was closed');
    const length = this.lengths[line]!;
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, this.starts[line]! + done);
      if (read === 0) throw new Error('the paper file is shorter than when it was opened');
      done += read;
    }
    return JSON.parse(buffer.toString('utf8')) as StoredPaper;
  }

  /** Lines whose paper has this DOI (normalized), in file order. */
  linesWithDoi(doi: string): readonly number[] {
    if (this.dois === null) {
      this.dois = new Map();
      for (let line = 0; line < this.count; line++) {
        const raw = this.read(line).doi;
        const key = typeof raw === 'string' ? normalizeDoi(raw) : null;
        if (key === null) continue;
        const lines = this.dois.get(key);
        if (lines) lines.push(line);
        else this.dois.set(key, [line]);
      }
    }
    return this.dois.get(doi) ?? [];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handle.close().catch(() => {
      // Closing a read-only file cannot lose anything; a failure leaves nothing to do.
    });
  }
}
