/**
 * What a paper still lacks, for the detail pane of a paper only a listing page described, and where
 * `o` can take the user when no link is known: Hugging Face's paper search for its title.
 */
import type { PaperView } from '../../model/paper.ts';

export type PaperGap = 'arxiv-id' | 'author-names' | 'abstract-link' | 'pdf-link';

const GAP_TEXT: Record<PaperGap, string> = {
  'arxiv-id': 'arXiv id',
  'author-names': 'author names',
  'abstract-link': 'abstract link',
  'pdf-link': 'PDF link',
};

export function paperGaps(paper: Pick<PaperView, 'arxivId' | 'authors' | 'authorCount' | 'url' | 'pdfUrl'>): PaperGap[] {
  const gaps: PaperGap[] = [];
  if (paper.arxivId === null) gaps.push('arxiv-id');
  if (paper.authors.length === 0 && (paper.authorCount ?? 0) > 0) gaps.push('author-names');
  if (paper.url === null) gaps.push('abstract-link');
  if (paper.pdfUrl === null) gaps.push('pdf-link');
  return gaps;
}

/** "No arXiv id, author names, abstract link or PDF link yet", or null when nothing is missing. */
export function gapsText(gaps: readonly PaperGap[]): string | null {
  const words = gaps.map((gap) => GAP_TEXT[gap]);
  if (words.length === 0) return null;
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
  return `No ${list} yet`;
}

export const HF_PAPERS_SEARCH = 'https://huggingface.co/papers';

/** The paper's own page when known; otherwise Hugging Face's search for its title. */
export function paperLink(paper: Pick<PaperView, 'url' | 'pdfUrl' | 'title'>, hfBase = HF_PAPERS_SEARCH): string {
  if (paper.url) return paper.url;
  if (paper.pdfUrl) return paper.pdfUrl;
  const url = new URL(hfBase);
  url.searchParams.set('q', paper.title);
  return url.href;
}
