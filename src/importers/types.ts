import type { Annotation, ImportFormat, PaperFields } from '../model/paper.ts';

export interface ImportOptions {
  /** `YYYY-MM-DD`; resolves year-less dates of listing pages instead of the page's own date. */
  asOf?: string;
  /**
   * `YYYY-MM-DD`; the day the import runs (default: the local date). Only a listing page that names
   * neither its year nor the years of its papers falls back on it. Lets tests pin the clock.
   */
  today?: string;
}

/** Annotations carried by a Papershelf JSON backup, keyed by paper id. */
export interface ImportedAnnotation extends Annotation {
  note: string | null;
}

export interface ParsedImport {
  format: ImportFormat;
  papers: PaperFields[];
  /** One readable line per entry that was skipped or repaired. */
  warnings: string[];
  /** Number of entries skipped as unusable (each has a warning). */
  skipped: number;
  /** Only the `json` backup format fills these. */
  backup?: {
    papers: import('../model/paper.ts').StoredPaper[];
    annotations: Record<string, ImportedAnnotation>;
  };
}

/**
 * One importer per format. `detect` looks only at the text (cheaply); `parse` either returns every
 * usable paper or throws ImportFormatError for the whole file: nothing is half-imported.
 */
export interface Importer {
  format: ImportFormat;
  detect(text: string): boolean;
  parse(text: string, options: ImportOptions): ParsedImport;
}
