import type { ImportFormat, PaperFields } from '../model/paper.ts';
import type { ParsedImport } from './types.ts';

/** Gathers one import's papers, warnings and skips so every importer reports them alike. */
export class ImportCollector {
  readonly papers: PaperFields[] = [];
  readonly warnings: string[] = [];
  skipped = 0;

  constructor(readonly format: ImportFormat) {}

  add(paper: PaperFields): void {
    this.papers.push(paper);
  }

  /** An entry that cannot become a paper (no title): counted and listed, the rest goes on. */
  skip(position: string, reason: string): void {
    this.skipped++;
    this.warnings.push(`${position}: ${reason}; skipped`);
  }

  /** Something was repaired or guessed; the paper is kept. */
  warn(position: string | null, detail: string): void {
    this.warnings.push(position ? `${position}: ${detail}` : detail);
  }

  result(): ParsedImport {
    return { format: this.format, papers: this.papers, warnings: this.warnings, skipped: this.skipped };
  }
}
