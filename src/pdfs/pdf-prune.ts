/**
 * The size limit: when the kept PDFs together exceed `maxBytes`, PDFs are removed until they fit, in
 * this order: papers marked read (kept longest ago first), then papers with no reading status, then
 * those being read or to read. A starred paper's PDF is never removed, nor one whose paper is not
 * in the library's papers at all (its id may be a name the library resolves some other way), nor
 * one the run that triggered the pruning has just added.
 */
import type { Library } from '../library/library.ts';
import type { PaperView } from '../model/paper.ts';
import { formatByteSize } from './byte-size.ts';
import { readPdfSettings } from './pdf-settings-store.ts';
import type { KeptPdf, PdfStore } from './pdf-store.ts';

export interface PruneReport {
  removed: Array<{ id: string; bytes: number }>;
  /** Kept bytes after pruning, and the limit; the limit may still be exceeded when only protected PDFs remain. */
  bytes: number;
  maxBytes: number | null;
  message: string;
}

const REMOVE_AT_ONCE = 16;
const RANK: Record<string, number> = { read: 0, none: 1, reading: 2, 'to-read': 3 };
const mb = formatByteSize;

/** The PDFs to remove, in order, so that `kept` fits in `maxBytes`. */
export function choosePrunable(
  kept: readonly KeptPdf[],
  papers: ReadonlyMap<string, Pick<PaperView, 'starred' | 'status'>>,
  maxBytes: number,
  spare: ReadonlySet<string> = new Set(),
): KeptPdf[] {
  let total = kept.reduce((sum, pdf) => sum + pdf.bytes, 0);
  if (total <= maxBytes) return [];
  const candidates = kept
    .filter((pdf) => {
      const paper = papers.get(pdf.id);
      return paper !== undefined && !paper.starred && !spare.has(pdf.id);
    })
    .sort((a, b) => {
      const rank = (pdf: KeptPdf) => RANK[papers.get(pdf.id)?.status ?? 'none'] ?? 1;
      return rank(a) - rank(b) || a.keptAt.localeCompare(b.keptAt) || a.id.localeCompare(b.id);
    });
  const chosen: KeptPdf[] = [];
  for (const pdf of candidates) {
    if (total <= maxBytes) break;
    chosen.push(pdf);
    total -= pdf.bytes;
  }
  return chosen;
}

/** Applies the saved limit; nothing happens without one. `spare`: PDFs just added, which are not removed for being added. */
export async function pruneToLimit(
  library: Library,
  store: PdfStore,
  maxBytes = readPdfSettings(store.dataDir).settings.maxBytes,
  spare: ReadonlySet<string> = new Set(),
): Promise<PruneReport> {
  const kept = store.keptList();
  const total = kept.reduce((sum, pdf) => sum + pdf.bytes, 0);
  if (maxBytes === null || total <= maxBytes) return { removed: [], bytes: total, maxBytes, message: 'within the limit' };
  await library.loaded();
  const views = library.listPapers({ ids: new Set(kept.map((pdf) => pdf.id)) }).results;
  const papers = new Map(views.map((paper) => [paper.id, paper]));
  const removed: PruneReport['removed'] = [];
  let bytes = total;
  const chosen = choosePrunable(kept, papers, maxBytes, spare);
  // A few removals at a time: each is several file operations, and a large limit change removes thousands.
  for (let start = 0; start < chosen.length; start += REMOVE_AT_ONCE) {
    const slice = chosen.slice(start, start + REMOVE_AT_ONCE);
    const gone = await Promise.all(slice.map((pdf) => store.remove(pdf.id)));
    slice.forEach((pdf, index) => {
      if (!gone[index]) return;
      removed.push({ id: pdf.id, bytes: pdf.bytes });
      bytes -= pdf.bytes;
    });
  }
  const over = bytes > maxBytes ? `; still ${mb(bytes)}, over the limit of ${mb(maxBytes)}: the rest are starred, to read or being read` : '';
  const message =
    removed.length === 0
      ? `kept PDFs take ${mb(bytes)}, over the limit of ${mb(maxBytes)}, but none may be removed (starred, or not in the library)`
      : `size limit ${mb(maxBytes)}: removed the PDFs of ${removed.map((entry) => entry.id).join(', ')} (${mb(total - bytes)})${over}`;
  return { removed, bytes, maxBytes, message };
}
