/** What crosses the boundary of the PDF reading worker (see read-pdf-in-worker.ts). */

export interface PdfReadRequest {
  /** The file's bytes, transferred (not copied) to the worker. */
  bytes: ArrayBuffer;
  /** `facts` (the default): PdfFacts; `text`: every page's text (PdfText). */
  want?: 'facts' | 'text';
}

/** Every page's text, in page order (page 1 first); a page without text is ''. */
export interface PdfText {
  pages: string[];
  /** True when the text was cut at MAX_DOCUMENT_CHARS (the rest of the document is not searchable). */
  truncated: boolean;
}

/** What a readable PDF tells about itself: enough to check it and to find its paper. */
export interface PdfFacts {
  pages: number;
  /** The document's own title (Info dictionary or XMP), when it has one. */
  title: string | null;
  /** Other Info entries that may carry a DOI (Subject, Keywords), joined. */
  subject: string;
  /** The text of the first page (arXiv's stamp is in its margin), cut to MAX_FIRST_PAGE_CHARS. */
  firstPageText: string;
}

/** `ready` once pdf.js is loaded: a file's time budget starts after it, loading is not the file's doing. */
export type PdfReadAnswer = { kind: 'ready' } | { kind: 'read'; facts: PdfFacts } | { kind: 'text'; text: PdfText } | { kind: 'failed'; message: string };

export const MAX_FIRST_PAGE_CHARS = 20_000;
/** A paper's text runs to a few hundred thousand characters; a file claiming far more is cut here. */
export const MAX_DOCUMENT_CHARS = 4_000_000;
