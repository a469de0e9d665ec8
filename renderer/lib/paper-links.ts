/** The places a paper can be read, in the order the detail pane lists them. */
import type { PaperView } from '../api/types.ts';

export interface PaperLink {
  label: string;
  url: string;
}

export function paperLinks(paper: PaperView): PaperLink[] {
  const links: PaperLink[] = [];
  const add = (label: string, url: string | null | undefined) => {
    if (url && !links.some((link) => link.url === url)) links.push({ label, url });
  };
  if (paper.arxivId) add('arXiv abstract', `https://arxiv.org/abs/${paper.arxivId}`);
  add('Paper page', paper.url);
  add('PDF', paper.pdfUrl);
  if (paper.arxivId && paper.sources.some((source) => source.startsWith('hf'))) {
    add('Hugging Face page', `https://huggingface.co/papers/${paper.arxivId}`);
  }
  add('GitHub', paper.details.githubRepo);
  add('Project page', paper.details.projectPage);
  if (paper.details.doi) add('DOI', `https://doi.org/${paper.details.doi}`);
  return links;
}

/** What `o` opens: the paper's own page, else its first link. */
export function primaryLink(paper: PaperView): string | null {
  return paper.url ?? paperLinks(paper)[0]?.url ?? null;
}

/** Hugging Face Papers' search for a title: where a paper with no link of its own may be found. */
export function titleSearchUrl(title: string): string {
  return `https://huggingface.co/papers?q=${encodeURIComponent(title.replace(/\s+/g, ' ').trim())}`;
}

/** What `o` opens, and whether that is only a search because the paper has no link. */
export function openTarget(paper: PaperView): { url: string; search: boolean } {
  const url = primaryLink(paper);
  return url ? { url, search: false } : { url: titleSearchUrl(paper.title), search: true };
}
