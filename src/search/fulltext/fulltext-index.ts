/**
 * The full-text index as a searching process holds it: the manifest's segments, read again when
 * the manifest changes (another process or the update worker committed), and the texts of the few
 * PDFs a query needs (phrases to confirm, snippets to show).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pdfFileName } from '../../pdfs/pdf-store.ts';
import { documentText, paperIdOfPdf, pdfsDir, readRecord, sameStamp, stampOf, textPath } from './fulltext-files.ts';
import { sharedTokenTable } from '../analysis/token-table.ts';
import { buildFieldTokens, lineHoldsPhrase, phraseNumbers, type FieldTokens } from '../query/phrase-tokens.ts';
import type { Phrase } from '../query/phrase.ts';
import { manifestPath, readManifest, readSegment, type FulltextManifest } from './fulltext-manifest.ts';
import { fulltextSpace, type FulltextSpace } from './fulltext-source.ts';

/** Texts kept between queries: a phrase confirmed on the same PDFs while the user types. */
const TEXT_CACHE = 256;

export class FulltextIndex {
  private version = '';
  private loaded: { manifest: FulltextManifest | null; space: FulltextSpace } = { manifest: null, space: fulltextSpace([]) };
  private readonly texts = new Map<string, string[] | null>();
  /**
   * Each PDF's words as term numbers, made the first time a phrase is confirmed on it: a common
   * phrase is a candidate in most PDFs, and re-reading and re-analysing every text per query took
   * ~9 ms a PDF. 4 bytes a word (~30 MB for 1,000 papers' PDFs).
   */
  private readonly tokens = new Map<string, FieldTokens | null>();

  constructor(readonly dataDir: string) {}

  private manifestVersion(): string {
    try {
      const stat = statSync(manifestPath(this.dataDir));
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return '';
    }
  }

  /** The index as last committed. A segment that cannot be read is left out until the next update rebuilds it. */
  current(): FulltextSpace {
    const version = this.manifestVersion();
    if (version === this.version) return this.loaded.space;
    this.version = version;
    this.texts.clear();
    this.tokens.clear();
    const manifest = version === '' ? null : readManifest(this.dataDir);
    const segments = [];
    for (const entry of manifest?.segments ?? []) {
      try {
        segments.push({ index: readSegment(this.dataDir, entry), removed: entry.removed });
      } catch {
        // Damaged or removed under us: the update worker rebuilds it; until then it finds nothing.
      }
    }
    this.loaded = { manifest, space: fulltextSpace(segments) };
    return this.loaded.space;
  }

  /** Kept PDFs that cannot be searched, and why (no text layer, or refused by the reader). */
  unsearchable(): Array<{ id: string; reason: string }> {
    this.current();
    return Object.entries(this.loaded.manifest?.pdfs ?? {}).flatMap(([id, pdf]) => (pdf.problem === null ? [] : [{ id, reason: pdf.problem }]));
  }

  /** Each page's text of a paper's PDF, or null when there is none. */
  pages(id: string): string[] | null {
    if (this.texts.has(id)) return this.texts.get(id)!;
    const pages = readRecord(textPath(this.dataDir, pdfFileName(id)))?.pages ?? null;
    if (this.texts.size >= TEXT_CACHE) this.texts.delete(this.texts.keys().next().value!);
    this.texts.set(id, pages);
    return pages;
  }

  text(id: string): string | null {
    const pages = this.pages(id);
    return pages ? documentText(pages) : null;
  }

  /** Whether the PDF holds the phrase; true when its text cannot be read (as for papers). */
  holdsPhrase(id: string, phrase: Phrase): boolean {
    let tokens = this.tokens.get(id);
    if (tokens === undefined || (tokens !== null && tokens.table !== sharedTokenTable())) {
      const pages = readRecord(textPath(this.dataDir, pdfFileName(id)))?.pages ?? null;
      tokens = pages ? buildFieldTokens(1, () => documentText(pages)) : null;
      this.tokens.set(id, tokens);
    }
    if (tokens === null) return true;
    const wanted = phraseNumbers(tokens, phrase);
    if (wanted === null) return false;
    return lineHoldsPhrase(tokens, 0, wanted);
  }

  /** Whether `pdfs/` holds a PDF the index has not caught up with, or the index one that is gone. */
  isStale(): boolean {
    this.current();
    const known = this.loaded.manifest?.pdfs ?? {};
    let names: string[];
    try {
      names = readdirSync(pdfsDir(this.dataDir));
    } catch {
      names = [];
    }
    let seen = 0;
    for (const name of names) {
      const id = paperIdOfPdf(name);
      if (id === null) continue;
      seen++;
      if (!sameStamp(known[id], stampOf(join(pdfsDir(this.dataDir), name)))) return true;
    }
    return seen !== Object.keys(known).length;
  }
}
