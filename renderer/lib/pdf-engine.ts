/**
 * pdf.js for the reader, loaded only when a PDF is opened (it is most of a megabyte). Its worker is a
 * real Web Worker bundled by Vite from our own origin (`worker-src` falls back to `'self'`), and
 * nothing is evaluated: `isEvalSupported: false` keeps pdf.js from compiling fonts with `new Function`,
 * so the strict CSP (no 'unsafe-eval') holds.
 */
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';

export type { PDFDocumentProxy, PDFPageProxy };
export { TextLayer };

let worker: Worker | null = null;

/** One worker serves every document the window opens. */
function ensureWorker(): void {
  if (worker) return;
  worker = new PdfWorker();
  GlobalWorkerOptions.workerPort = worker;
}

/** Opens a PDF from its bytes (pdf.js takes ownership of the buffer). */
export async function openPdfDocument(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  ensureWorker();
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    // Everything the page needs is in the file; the reader works offline and asks no other address.
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
  }).promise;
}
