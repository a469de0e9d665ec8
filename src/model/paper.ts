/** The shape of a paper as every part of Papershelf sees it. Pure data, JSON-serialisable. */

export const IMPORT_FORMATS = ['hf-page', 'hf-json', 'arxiv-atom', 'bibtex', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** `dismissed` is "Not interested": hidden from recommendations and learned from as a negative; clearing the status undoes it. */
export const READING_STATUSES = ['to-read', 'reading', 'read', 'dismissed'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

/** Bibliographic facts about a paper as an importer or fetcher found them. `null` = unknown. */
export interface PaperFields {
  /** arXiv id without version, e.g. `2508.07662` or `hep-th/9901001`. */
  arxivId: string | null;
  /** arXiv version number (the `2` of `v2`), when known. */
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  /** Number of authors; known even when only a count is shown (HF listing pages). */
  authorCount: number | null;
  organization: string | null;
  /** First publication date, `YYYY-MM-DD`. */
  published: string | null;
  /** Last update date, `YYYY-MM-DD`. */
  updated: string | null;
  upvotes: number | null;
  comments: number | null;
  url: string | null;
  pdfUrl: string | null;
  doi: string | null;
  journalRef: string | null;
  /** arXiv's free-text comment ("12 pages, 3 figures"). */
  arxivComment: string | null;
  primaryCategory: string | null;
  categories: string[];
  githubRepo: string | null;
  projectPage: string | null;
  keywords: string[];
  /** Journal or proceedings title from BibTeX. */
  venue: string | null;
  /** BibTeX entry type (`article`, `inproceedings`, `misc`...), when imported from BibTeX. */
  entryType: string | null;
  /** Citation key from an imported BibTeX entry, kept so exports stay stable. */
  citationKey: string | null;
}

/** A paper as stored in the library: its fields plus identity and provenance. */
export interface StoredPaper extends PaperFields {
  /** Stable library key: the arXiv id when known, else `t:` + normalised-title slug. */
  id: string;
  /** Where the paper came from, e.g. `hf-page`, `hf-json`, `arxiv-atom`, `bibtex`, `json`. */
  sources: string[];
  /** ISO timestamp of the first import. */
  addedAt: string;
  /** ISO timestamp of the last import that changed it. */
  modifiedAt: string;
  /** arXiv's abstract, kept when the paper was resolved from a listing whose abstract differs. */
  arxivAbstract?: string;
}

/** The user's own data about one paper. Notes live in their own files (see store/notes). */
export interface Annotation {
  starred: boolean;
  /** Tags in the user's spelling; matching is case-insensitive. */
  tags: string[];
  status: ReadingStatus | null;
  /** ISO timestamp. */
  updatedAt: string;
}

/** The public PAPER shape of the CLI's `--json` output and of the API. */
export interface PaperView {
  id: string;
  arxivId: string | null;
  title: string;
  abstract: string;
  authors: string[];
  authorCount: number | null;
  organization: string | null;
  published: string | null;
  upvotes: number | null;
  url: string | null;
  pdfUrl: string | null;
  sources: string[];
  starred: boolean;
  tags: string[];
  status: ReadingStatus | null;
  note: string | null;
  /** Ids the paper had before (a title key resolved to an arXiv id, a long id made short); one paper's view only. */
  aliases?: string[];
  /** Extra bibliographic detail, for the detail pane and exports. */
  details: PaperDetails;
}

export interface PaperDetails {
  version: number | null;
  updated: string | null;
  comments: number | null;
  doi: string | null;
  journalRef: string | null;
  arxivComment: string | null;
  primaryCategory: string | null;
  categories: string[];
  githubRepo: string | null;
  projectPage: string | null;
  keywords: string[];
  venue: string | null;
  addedAt: string;
}

/** Fills every field with its "unknown" value; importers spread their findings over it. */
export function emptyPaperFields(title: string): PaperFields {
  return {
    arxivId: null,
    version: null,
    title,
    abstract: '',
    authors: [],
    authorCount: null,
    organization: null,
    published: null,
    updated: null,
    upvotes: null,
    comments: null,
    url: null,
    pdfUrl: null,
    doi: null,
    journalRef: null,
    arxivComment: null,
    primaryCategory: null,
    categories: [],
    githubRepo: null,
    projectPage: null,
    keywords: [],
    venue: null,
    entryType: null,
    citationKey: null,
  };
}
