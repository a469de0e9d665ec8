/**
 * The PDF reader: a kept PDF, page after page, drawn lazily as pages come near the view. Zoom and
 * fit-width, "Page 3 of 17" with a page field, find with marked matches, inverted pages for the dark
 * theme, and the page each paper was left at. On wide windows it takes the sidebar's and the list's
 * place, beside the detail pane and its note; on narrow ones it covers the window until closed.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PapershelfBridge } from '../api/types.ts';
import { usePdfDocument } from '../hooks/use-pdf-document.ts';
import { usePdfFind } from '../hooks/use-pdf-find.ts';
import { usePdfReaderKeys } from '../hooks/use-pdf-reader-keys.ts';
import { darkThemeShown, invertChoice, rememberedPage, rememberPage, saveInvertChoice } from '../lib/pdf-memory.ts';
import { PdfDownload } from './PdfActions.tsx';
import { PdfFindBar } from './PdfFindBar.tsx';
import { PdfPages } from './PdfPages.tsx';

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 5;
const ZOOM_STEP = 1.2;

interface PdfReaderProps {
  bridge: PapershelfBridge;
  id: string;
  title: string;
  /** Open at this page (a search result's page) instead of the remembered one. */
  startPage?: number;
  onClose(): void;
}

/** Where the window loads a paper's PDF: the bridge says (serve adds its token), else the page's own origin. */
export function pdfAddress(bridge: PapershelfBridge, id: string): string {
  return bridge.pdfUrl?.(id) ?? `pdf/${encodeURIComponent(id)}`;
}

export function PdfReader({ bridge, id, title, startPage, onClose }: PdfReaderProps) {
  const state = usePdfDocument(pdfAddress(bridge, id));
  const doc = state.kind === 'ready' ? state.doc : null;
  const pageCount = state.kind === 'ready' ? state.pages : 0;
  const [zoom, setZoom] = useState<number | null>(null);
  const [fitScale, setFitScale] = useState(1);
  const scale = zoom ?? fitScale;
  const [page, setPage] = useState(() => startPage ?? rememberedPage(id) ?? 1);
  const [pageField, setPageField] = useState<string | null>(null);
  const [invert, setInvert] = useState(() => invertChoice() ?? darkThemeShown());
  const [findOpen, setFindOpen] = useState(false);
  const [query, setQuery] = useState('');
  const find = usePdfFind(findOpen ? doc : null, query);
  const findRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const opened = useRef<number | null>(null);
  useEffect(() => {
    opened.current = performance.now();
  }, []);
  const [firstPageMs, setFirstPageMs] = useState<number | null>(null);
  // Where to scroll once the pages are laid out (opening, zooming, a page typed in, a find match).
  const [target, setTarget] = useState<number | null>(page);

  useEffect(() => {
    if (pageCount > 0) rememberPage(id, Math.min(page, pageCount));
  }, [id, page, pageCount]);
  // Fitting the width again (opening, a resized window) keeps the current page in view.
  const pageRef = useRef(page);
  useLayoutEffect(() => {
    pageRef.current = page;
  });
  useEffect(() => {
    if (zoom === null) setTarget(pageRef.current);
  }, [fitScale, zoom]);
  const targetReached = useCallback(() => setTarget(null), []);

  const goTo = useCallback((wanted: number) => {
    if (pageCount === 0) return;
    const clamped = Math.min(Math.max(1, Math.round(wanted)), pageCount);
    setPage(clamped);
    setTarget(clamped);
  }, [pageCount]);

  const zoomBy = (direction: 1 | -1) => {
    const next = direction > 0 ? scale * ZOOM_STEP : scale / ZOOM_STEP;
    setZoom(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(next * 100) / 100)));
    setTarget(page);
  };
  const fitWidth = () => {
    setZoom(null);
    setTarget(page);
  };
  const openFind = () => {
    setFindOpen(true);
    requestAnimationFrame(() => {
      findRef.current?.focus();
      findRef.current?.select();
    });
  };
  const closeFind = () => {
    setFindOpen(false);
    scrollRef.current?.focus();
  };

  usePdfReaderKeys({ page: (delta) => goTo(page + delta), first: () => goTo(1), last: () => goTo(pageCount), zoom: zoomBy, fitWidth, find: openFind, close: onClose });

  const onDrawn = useCallback(() => {
    setFirstPageMs((shown) => shown ?? Math.round(performance.now() - (opened.current ?? 0)));
  }, []);

  const toggleInvert = () => {
    saveInvertChoice(!invert);
    setInvert(!invert);
  };

  return (
    <section className="pdf-reader" aria-label="PDF reader" data-invert={invert ? 'true' : 'false'} data-first-page-ms={firstPageMs ?? undefined}>
      <div className="pdf-toolbar" role="toolbar" aria-label="PDF reader tools">
        <h2 className="pdf-title" title={title}>
          {title}
        </h2>
        {pageCount > 0 && (
          <form
            className="pdf-page-nav"
            onSubmit={(event) => {
              event.preventDefault();
              if (pageField !== null) goTo(Number(pageField) || page);
              setPageField(null);
            }}
          >
            <button type="button" className="icon-button" aria-label="Previous page" disabled={page <= 1} onClick={() => goTo(page - 1)}>
              ‹
            </button>
            <label>
              Page{' '}
              <input
                className="pdf-page-input"
                inputMode="numeric"
                aria-label="Page number"
                value={pageField ?? String(page)}
                onChange={(event) => setPageField(event.target.value.replace(/\D/g, '').slice(0, 6))}
                onBlur={() => setPageField(null)}
              />
            </label>
            <span className="pdf-page-count" aria-live="polite">
              {' '}of {pageCount}
            </span>
            <button type="button" className="icon-button" aria-label="Next page" disabled={page >= pageCount} onClick={() => goTo(page + 1)}>
              ›
            </button>
          </form>
        )}
        <div className="pdf-zoom">
          <button type="button" className="icon-button" aria-label="Zoom out" disabled={scale <= MIN_ZOOM} onClick={() => zoomBy(-1)}>
            −
          </button>
          <span className="pdf-zoom-level muted">{Math.round(scale * 100)}%</span>
          <button type="button" className="icon-button" aria-label="Zoom in" disabled={scale >= MAX_ZOOM} onClick={() => zoomBy(1)}>
            +
          </button>
          <button type="button" aria-pressed={zoom === null} onClick={fitWidth}>
            Fit width
          </button>
        </div>
        <button type="button" aria-pressed={invert} onClick={toggleInvert} title="Show pages light on dark">
          Invert colours
        </button>
        <button type="button" className="icon-button" aria-label="Find in PDF (Ctrl+F)" onClick={openFind}>
          🔍
        </button>
        <button type="button" className="icon-button pdf-close" aria-label="Close reader" onClick={onClose}>
          ✕
        </button>
      </div>
      {findOpen && <PdfFindBar query={query} onQuery={setQuery} find={find} onClose={closeFind} inputRef={findRef} />}
      {state.kind === 'loading' && <p className="pdf-status muted">Opening the PDF…</p>}
      {state.kind === 'failed' && (
        <p className="pdf-status" role="alert">
          This PDF could not be shown: {state.message}
        </p>
      )}
      {state.kind === 'missing' && (
        <div className="pdf-status">
          <p>No PDF is kept for this paper.</p>
          <PdfDownload bridge={bridge} id={id} />
        </div>
      )}
      {state.kind === 'ready' && (
        <PdfPages
          doc={state.doc}
          pageCount={state.pages}
          firstPage={state.firstPage}
          scale={scale}
          scrollRef={scrollRef}
          onFitScale={setFitScale}
          onPage={setPage}
          target={target}
          onTargetReached={targetReached}
          matches={findOpen ? find.matches : []}
          current={find.current}
          onDrawn={onDrawn}
        />
      )}
    </section>
  );
}
