/** What crosses the boundary of the PDF reading worker (see read-pdf-in-worker.ts). */

export interface PdfReadRequest {
  /** The file's bytes, transferred (not copied) to the worker. */
  bytes: ArrayBuffer;
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
export type PdfReadAnswer = { kind: 'ready' } | { kind: 'read'; facts: PdfFacts } | { kind: 'failed'; message: string };

export const MAX_FIRST_PAGE_CHARS = 20_000;
