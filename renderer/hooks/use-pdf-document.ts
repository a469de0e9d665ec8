/**
 * Loads a kept PDF for the reader: its bytes from the window's own origin (`/pdf/<id>` of serve, or
 * papershelf://app/pdf/<id> in the desktop app), then pdf.js (loaded on first use) opens them. The
 * document is destroyed when the reader closes or shows another paper.
 */
import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from '../lib/pdf-engine.ts';

export interface PageSize {
  width: number;
  height: number;
}

export type PdfDocumentState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; doc: PDFDocumentProxy; pages: number; firstPage: PageSize };

async function fetchBytes(url: string): Promise<Uint8Array | 'missing'> {
  const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  if (response.status === 404) return 'missing';
  if (!response.ok) throw new Error(`the PDF could not be loaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 299)}…` : message;
}

export function usePdfDocument(url: string): PdfDocumentState {
  const [loaded, setLoaded] = useState<{ url: string; state: PdfDocumentState } | null>(null);
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    const setState = (state: PdfDocumentState) => setLoaded({ url, state });
    void (async () => {
      try {
        const bytes = await fetchBytes(url);
        if (!live) return;
        if (bytes === 'missing') return setState({ kind: 'missing' });
        const { openPdfDocument } = await import('../lib/pdf-engine.ts');
        const doc = await openPdfDocument(bytes);
        opened = doc;
        if (!live) return void doc.destroy();
        const first = (await doc.getPage(1)).getViewport({ scale: 1 });
        if (!live) return;
        setState({ kind: 'ready', doc, pages: doc.numPages, firstPage: { width: first.width, height: first.height } });
      } catch (error) {
        if (live) setState({ kind: 'failed', message: describe(error) });
      }
    })();
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [url]);
  return loaded !== null && loaded.url === url ? loaded.state : { kind: 'loading' };
}
