/**
 * One page of the reader. Until it comes near the view it is an empty box of the page's size; then
 * pdf.js draws it into a canvas (sharp on high-density screens) with a text layer over it, so text
 * can be selected and find can mark matches. Far away again, the canvas is dropped to free memory.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { PDFDocumentProxy } from '../lib/pdf-engine.ts';
import { markMatches, type FindMatch } from '../lib/pdf-find.ts';
import type { PageSize } from '../hooks/use-pdf-document.ts';

interface PdfPageProps {
  doc: PDFDocumentProxy;
  page: number;
  scale: number;
  /** Size at scale 1 until the page itself is loaded (usually all pages are the first page's size). */
  guessedSize: PageSize;
  near: boolean;
  /** Find's matches on this page, and which of them is current (-1: none here). */
  matches: readonly FindMatch[];
  current: number;
  /** Called once the page is drawn (the first time, for the time to first page). */
  onDrawn?(page: number): void;
}

type Layer = { spans: HTMLElement[]; items: string[] };

export function PdfPage({ doc, page, scale, guessedSize, near, matches, current, onDrawn }: PdfPageProps) {
  const [size, setSize] = useState<PageSize | null>(null);
  const [layer, setLayer] = useState<Layer | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const drawnRef = useRef(onDrawn);
  useEffect(() => {
    drawnRef.current = onDrawn;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const textContainer = textRef.current;
    if (!near || !canvas || !textContainer) return;
    let live = true;
    let cancel = () => {};
    void (async () => {
      try {
        const { TextLayer } = await import('../lib/pdf-engine.ts');
        const proxy = await doc.getPage(page);
        if (!live) return;
        const viewport = proxy.getViewport({ scale });
        const unscaled = proxy.getViewport({ scale: 1 });
        setSize({ width: unscaled.width, height: unscaled.height });
        const ratio = globalThis.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        const task = proxy.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        cancel = () => task.cancel();
        await task.promise;
        if (!live) return;
        drawnRef.current?.(page);
        textContainer.replaceChildren();
        const text = new TextLayer({ textContentSource: await proxy.getTextContent(), container: textContainer, viewport });
        await text.render();
        if (live) setLayer({ spans: text.textDivs, items: text.textContentItemsStr });
      } catch {
        // Cancelled (scrolled away, zoomed) or a damaged page: the box stays empty.
      }
    })();
    return () => {
      live = false;
      cancel();
      // A page away from the view keeps no text (nor stale find marks); it is laid out again when it returns.
      textContainer.replaceChildren();
      setLayer(null);
    };
  }, [doc, page, scale, near]);

  useEffect(() => {
    if (!layer) return;
    markMatches(layer.spans, layer.items, matches, current);
    if (current >= 0) textRef.current?.querySelector('.pdf-find-current')?.scrollIntoView({ block: 'nearest' });
  }, [layer, matches, current]);

  const shown = size ?? guessedSize;
  const style = {
    width: `${shown.width * scale}px`,
    height: `${shown.height * scale}px`,
    '--total-scale-factor': String(scale),
  } as CSSProperties;
  return (
    <div className="pdf-page" data-page={page} style={style} aria-label={`Page ${page}`} role="region">
      {near && <canvas ref={canvasRef} className="pdf-canvas" style={{ width: '100%', height: '100%' }} />}
      <div ref={textRef} className="textLayer pdf-text" />
    </div>
  );
}
