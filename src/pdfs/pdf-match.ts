/**
 * Which library paper a PDF is: by arXiv's stamp in the first page's margin
 * (`arXiv:2606.13392v2 [cs.CL] 12 Jun 2026`), else by a DOI in the PDF (arXiv's own DOIs,
 * 10.48550/arXiv.ID, name the arXiv id), else by the PDF's own title being exactly, once, a
 * library paper's title. Anything less certain is no match: a wrong attachment is worse than none.
 */
import { parseArxivId } from '../importers/arxiv-id.ts';
import { normalizeTitle } from '../library/identity.ts';
import type { PdfFacts } from './pdf-read-protocol.ts';

/** The id, then the category in brackets: the stamp, not a citation of another paper. */
const STAMP = /\barXiv:\s?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]{0,20}(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?)\s{0,3}\[[a-z][a-z-]{0,20}(?:\.[a-z]{2})?\]/i;
const DOI = /\b10\.\d{4,9}\/[^\s"'<>]{1,200}/gi;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
/** Shorter titles ("Untitled", "paper") say too little to attach a file by. */
const MIN_TITLE_CHARS = 12;

export type PdfClue = { by: 'arxiv-stamp'; arxivId: string } | { by: 'doi'; doi: string; arxivId: string | null } | { by: 'title'; title: string };

export function arxivStamp(text: string): string | null {
  const match = STAMP.exec(text);
  return match?.[1] ? (parseArxivId(match[1])?.id ?? null) : null;
}

export function doisIn(text: string): string[] {
  return [...new Set((text.match(DOI) ?? []).map((doi) => doi.replace(/[.,;:)\]}]+$/, '').toLowerCase()))];
}

/** What the PDF says about which paper it is, most certain first. */
export function pdfClues(facts: PdfFacts): PdfClue[] {
  const clues: PdfClue[] = [];
  const stamp = arxivStamp(facts.firstPageText);
  if (stamp) clues.push({ by: 'arxiv-stamp', arxivId: stamp });
  for (const doi of doisIn(`${facts.subject}\n${facts.firstPageText}`)) {
    const arxiv = ARXIV_DOI.exec(doi)?.[1];
    clues.push({ by: 'doi', doi, arxivId: arxiv ? (parseArxivId(arxiv)?.id ?? null) : null });
  }
  if (facts.title && normalizeTitle(facts.title).length >= MIN_TITLE_CHARS) clues.push({ by: 'title', title: facts.title });
  return clues;
}

/** Papers as matching needs them. */
export interface MatchablePaper {
  id: string;
  title: string;
  doi: string | null;
}

/** Finds papers by DOI or exact title, each only when exactly one paper has it. */
export class PaperFinder {
  private readonly byDoi = new Map<string, string | null>();
  private readonly byTitle = new Map<string, string | null>();

  constructor(papers: Iterable<MatchablePaper>) {
    for (const paper of papers) {
      if (paper.doi) add(this.byDoi, paper.doi.toLowerCase(), paper.id);
      add(this.byTitle, normalizeTitle(paper.title), paper.id);
    }
  }

  doi(doi: string): string | null {
    return this.byDoi.get(doi.toLowerCase()) ?? null;
  }

  title(title: string): string | null {
    return this.byTitle.get(normalizeTitle(title)) ?? null;
  }
}

/** A key held by two papers maps to null: ambiguous, so no match. */
function add(map: Map<string, string | null>, key: string, id: string): void {
  if (key === '') return;
  map.set(key, map.has(key) && map.get(key) !== id ? null : id);
}
