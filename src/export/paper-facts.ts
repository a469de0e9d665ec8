/** Facts every exporter derives the same way from a stored paper. */
import type { StoredPaper } from '../model/paper.ts';

const NEW_STYLE_ARXIV = /^(\d{2})(\d{2})\.\d{4,5}$/;
const OLD_STYLE_ARXIV = /\/(\d{2})(\d{2})\d{3}$/;

/** The paper's landing page: its own URL, else its arXiv abstract page. */
export function paperUrl(paper: StoredPaper): string | null {
  if (paper.url) return paper.url;
  return paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null;
}

/**
 * Publication year: from the date when known, else from the arXiv id, whose first digits are the
 * submission year and month (new scheme since 2007, `hep-th/9901001` before).
 */
export function paperYear(paper: StoredPaper): number | null {
  const fromDate = /^(\d{4})/.exec(paper.published ?? '');
  if (fromDate?.[1]) return Number(fromDate[1]);
  const id = paper.arxivId ?? '';
  const modern = NEW_STYLE_ARXIV.exec(id);
  if (modern?.[1]) return 2000 + Number(modern[1]);
  const old = OLD_STYLE_ARXIV.exec(id);
  if (old?.[1]) {
    const yy = Number(old[1]);
    return yy >= 91 ? 1900 + yy : 2000 + yy;
  }
  return null;
}

/** `[year, month?, day?]` from a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date. */
export function dateParts(date: string | null): number[] | null {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date ?? '');
  if (!match) return null;
  return match.slice(1).filter((part): part is string => part !== undefined).map(Number);
}

/** Titles and abstracts from arXiv keep its hard line breaks; every export wants one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
