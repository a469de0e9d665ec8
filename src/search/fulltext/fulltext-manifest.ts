/**
 * `fulltext/index.json`: the full-text index's segments (`ft-*.idx`, the segment index format of
 * src/search/index/ with one field, `fulltext`, one document per paper whose PDF has text) and, per
 * kept PDF, what was made of it. A PDF added later goes into a new segment; a replaced or removed
 * one is listed in its segment's `removed` until a merge drops it. Replaced atomically, like the
 * papers' manifest; segment files are written before the manifest that names them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchField } from '../analysis/fields.ts';
import { decodeSegmentIndex } from '../index/segment-index-codec.ts';
import type { SegmentIndex } from '../index/segment-index.ts';
import { fulltextDir, type PdfStamp } from './fulltext-files.ts';

/**
 * The name of the one field of the full-text index. Query evaluation types its fields as the
 * library's search fields; the full-text index is evaluated on its own (fulltext-query.ts), so its
 * field only has to be a name no paper segment uses.
 */
export const FULLTEXT_FIELD = 'fulltext' as SearchField;
export const FULLTEXT_FIELDS: readonly string[] = [FULLTEXT_FIELD];

const FORMAT = 'papershelf-fulltext-index';
const VERSION = 1;

export interface FulltextSegmentEntry {
  file: string;
  papers: number;
  /** Papers of this segment indexed again later, or whose PDF is gone. */
  removed: string[];
}

export interface FulltextPdfEntry extends PdfStamp {
  pages: number;
  /** Why the PDF is not searchable (NO_TEXT_LAYER, or why it was refused); null when it is indexed. */
  problem: string | null;
}

export interface FulltextManifest {
  format: typeof FORMAT;
  version: number;
  segments: FulltextSegmentEntry[];
  pdfs: Record<string, FulltextPdfEntry>;
}

export function emptyManifest(): FulltextManifest {
  return { format: FORMAT, version: VERSION, segments: [], pdfs: {} };
}

export function manifestPath(dataDir: string): string {
  return join(fulltextDir(dataDir), 'index.json');
}

/** The manifest, or null when there is none or it cannot be read (the index is then built again). */
export function readManifest(dataDir: string): FulltextManifest | null {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(dataDir), 'utf8')) as Partial<FulltextManifest>;
    if (manifest.format !== FORMAT || manifest.version !== VERSION || !Array.isArray(manifest.segments) || typeof manifest.pdfs !== 'object' || manifest.pdfs === null) return null;
    return manifest as FulltextManifest;
  } catch {
    return null;
  }
}

export function readSegment(dataDir: string, entry: FulltextSegmentEntry): SegmentIndex {
  return decodeSegmentIndex(readFileSync(join(fulltextDir(dataDir), entry.file)), { papers: entry.papers, fields: FULLTEXT_FIELDS, file: entry.file });
}
