/** arXiv identifiers in every spelling importers meet: bare, `arXiv:`-prefixed, or inside a URL. */

export interface ArxivId {
  /** Without version: `2508.07662`, `hep-th/9901001`. */
  id: string;
  version: number | null;
}

// New-style ids since 2007 (`0704.0001`, `2508.07662`) and old-style `archive(.SUBJ)/YYMMNNN`.
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v(\d+))?`;
const BARE = new RegExp(String.raw`^(?:arxiv:\s*)?${ID}$`, 'i');
const IN_URL = new RegExp(String.raw`arxiv\.org\/(?:abs|pdf)\/${ID}(?:\.pdf)?\/?(?:[?#].*)?$`, 'i');
const IN_TEXT = new RegExp(String.raw`\barxiv:\s*${ID}\b`, 'i');

function toArxivId(match: RegExpExecArray | null): ArxivId | null {
  if (!match?.[1]) return null;
  return { id: match[1], version: match[2] ? Number(match[2]) : null };
}

/** A bare id (`2508.07662v2`, `arXiv:hep-th/9901001`), else null. */
export function parseArxivId(text: string | null | undefined): ArxivId | null {
  return toArxivId(BARE.exec((text ?? '').trim()));
}

/** The id in an arxiv.org abs or pdf URL, else null. */
export function arxivIdFromUrl(url: string | null | undefined): ArxivId | null {
  return toArxivId(IN_URL.exec((url ?? '').trim()));
}

/** An `arXiv:<id>` mention inside free text (`arXiv preprint arXiv:2508.07662`), else null. */
export function arxivIdInText(text: string | null | undefined): ArxivId | null {
  return toArxivId(IN_TEXT.exec(text ?? ''));
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
