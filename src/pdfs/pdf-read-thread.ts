/**
 * Worker entry: opens one PDF with pdf.js and reports its page count, title and first page's text.
 * It runs off the caller's thread with a heap cap and is stopped when its time runs out (see
 * read-pdf-in-worker.ts), so a hostile file costs at most that budget.
 */
import { parentPort } from 'node:worker_threads';
import { MAX_DOCUMENT_CHARS, MAX_FIRST_PAGE_CHARS, type PdfFacts, type PdfReadAnswer, type PdfReadRequest, type PdfText } from './pdf-read-protocol.ts';

const port = parentPort;
if (!port) throw new Error('pdf-read-thread runs in a worker thread');

// pdf.js warns on the console (a missing canvas package, fonts it cannot load); a worker's console
// is the parent's stdout, which `--json` callers parse. Answers go through the port only.
console.log = () => undefined;
console.warn = () => undefined;
console.info = () => undefined;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdf.js's display layer builds a DOMMatrix when it loads, for drawing pages; in Node it borrows one
 * from the optional `@napi-rs/canvas`, which a bundled Papershelf does not ship. Nothing here draws,
 * so a plain matrix of six numbers is enough for it to load.
 */
class PlainMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6) as [number, number, number, number, number, number];
  }
}

let loaded: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<PdfJs> {
  const scope = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
  scope.DOMMatrix ??= PlainMatrix;
  // pdf.js runs its parser in this thread when it finds its worker module here (its "fake worker"):
  // this thread already is the worker, and no second file has to be located in a bundle.
  const handler = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  scope.pdfjsWorker = handler;
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function open(bytes: ArrayBuffer): Promise<PdfDocument> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    // Lenient like a viewer: a font or an image it cannot decode does not make the paper unreadable.
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  return task.promise.catch(async (error: unknown) => {
    await task.destroy();
    throw error;
  });
}

/** A page's text as a viewer's text layer has it: items in order, a newline where a line ends. */
async function pageText(doc: PdfDocument, number: number, limit: number): Promise<string> {
  const page = await doc.getPage(number);
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.hasEOL ? `${item.str}\n` : `${item.str} `;
    if (text.length > limit) break;
  }
  page.cleanup();
  return text.slice(0, limit);
}

async function readText(bytes: ArrayBuffer): Promise<PdfText> {
  const doc = await open(bytes);
  try {
    const pages: string[] = [];
    let left = MAX_DOCUMENT_CHARS;
    for (let number = 1; number <= doc.numPages; number++) {
      const text = left > 0 ? await pageText(doc, number, left) : '';
      left -= text.length;
      pages.push(text.trimEnd());
    }
    return { pages, truncated: left <= 0 };
  } finally {
    await doc.destroy();
  }
}

async function read(bytes: ArrayBuffer): Promise<PdfFacts> {
  const doc = await open(bytes);
  try {
    const { info, metadata } = await doc.getMetadata();
    const fields = (info ?? {}) as Record<string, unknown>;
    const title = text(metadata?.get('dc:title')) ?? text(fields.Title);
    const subject = [fields.Subject, fields.Keywords].map(text).filter((value) => value !== null).join(' ');
    const firstPageText = await pageText(doc, 1, MAX_FIRST_PAGE_CHARS);
    return { pages: doc.numPages, title, subject, firstPageText };
  } finally {
    await doc.destroy();
  }
}

loadPdfJs().then(
  () => port.postMessage({ kind: 'ready' } satisfies PdfReadAnswer),
  (error: unknown) => port.postMessage({ kind: 'failed', message: `pdf.js did not load: ${error instanceof Error ? error.message : String(error)}` } satisfies PdfReadAnswer),
);

port.on('message', (request: PdfReadRequest) => {
  if (request.want === 'text') {
    readText(request.bytes).then(
      (text) => port.postMessage({ kind: 'text', text } satisfies PdfReadAnswer),
      (error: unknown) => port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies PdfReadAnswer),
    );
    return;
  }
  read(request.bytes).then(
    (facts) => port.postMessage({ kind: 'read', facts } satisfies PdfReadAnswer),
    (error: unknown) => port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies PdfReadAnswer),
  );
});
