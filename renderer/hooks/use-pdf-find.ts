/**
 * Find in the open PDF: the text of every page is read once (pdf.js does it in its worker) when the
 * first query is typed, then each query is matched on it at once. Next/previous move the current
 * match, wrapping round.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PDFDocumentProxy } from '../lib/pdf-engine.ts';
import { findInPages, type FindMatch } from '../lib/pdf-find.ts';

/** The text items of a page as the text layer shows them (one span each). */
export async function pageItems(doc: PDFDocumentProxy, page: number): Promise<string[]> {
  const content = await (await doc.getPage(page)).getTextContent();
  return content.items.flatMap((item) => ('str' in item ? [item.str] : []));
}

export interface PdfFind {
  matches: FindMatch[];
  /** Index of the current match in `matches`, -1 when there is none. */
  current: number;
  /** The pages' text is still being read. */
  reading: boolean;
  next(): void;
  previous(): void;
}

export function usePdfFind(doc: PDFDocumentProxy | null, query: string): PdfFind {
  const [texts, setTexts] = useState<{ doc: PDFDocumentProxy; pages: string[][] } | null>(null);
  // The match chosen with next/previous, for the matches it was chosen among; new matches start at the first.
  const [pick, setPick] = useState<{ among: FindMatch[]; at: number } | null>(null);
  const wanted = doc !== null && query.trim() !== '';
  const pages = texts !== null && texts.doc === doc ? texts.pages : null;

  useEffect(() => {
    if (!wanted || pages !== null || doc === null) return;
    let live = true;
    void (async () => {
      const all: string[][] = [];
      for (let page = 1; page <= doc.numPages; page++) all.push(await pageItems(doc, page).catch(() => []));
      if (live) setTexts({ doc, pages: all });
    })();
    return () => {
      live = false;
    };
  }, [wanted, pages, doc]);

  const matches = useMemo(() => (wanted && pages ? findInPages(pages, query) : []), [wanted, pages, query]);
  const current = pick !== null && pick.among === matches ? pick.at : matches.length > 0 ? 0 : -1;

  const step = useCallback(
    (delta: number) => {
      if (matches.length > 0) setPick({ among: matches, at: (current + delta + matches.length) % matches.length });
    },
    [matches, current],
  );
  const next = useCallback(() => step(1), [step]);
  const previous = useCallback(() => step(-1), [step]);
  return { matches, current, reading: wanted && pages === null, next, previous };
}
