/**
 * The reader's scrolling column of pages. An IntersectionObserver tells which pages are within a
 * screen of the view (only those are drawn); scrolling tells which page is current; the width tells
 * the fit-width zoom. `target` asks to scroll to a page once the pages are laid out at this zoom.
 */
import { useEffect, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type { PageSize } from '../hooks/use-pdf-document.ts';
import type { PDFDocumentProxy } from '../lib/pdf-engine.ts';
import type { FindMatch } from '../lib/pdf-find.ts';
import { PdfPage } from './PdfPage.tsx';

const GAP = 12;
const NO_MATCHES: readonly FindMatch[] = [];
const SIDE_PADDING = 16;

interface PdfPagesProps {
  doc: PDFDocumentProxy;
  pageCount: number;
  firstPage: PageSize;
  scale: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  onFitScale(scale: number): void;
  onPage(page: number): void;
  target: number | null;
  onTargetReached(): void;
  matches: readonly FindMatch[];
  current: number;
  onDrawn(page: number): void;
}

function pageElement(container: HTMLElement, page: number): HTMLElement | null {
  return container.querySelector<HTMLElement>(`.pdf-page[data-page="${page}"]`);
}

/** The page at the top third of the view. */
function currentPageOf(container: HTMLElement): number | null {
  const line = container.scrollTop + container.clientHeight / 3;
  let found: number | null = null;
  for (const element of container.querySelectorAll<HTMLElement>('.pdf-page')) {
    if (element.offsetTop > line) break;
    found = Number(element.dataset.page);
  }
  return found;
}

export function PdfPages({ doc, pageCount, firstPage, scale, scrollRef, onFitScale, onPage, target, onTargetReached, matches, current, onDrawn }: PdfPagesProps) {
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([1, 2]));
  const pages = useMemo(() => Array.from({ length: pageCount }, (_, index) => index + 1), [pageCount]);

  useLayoutEffect(() => {
    const container = scrollRef.current;
    if (!container) return;
    const measure = () => {
      const width = container.clientWidth - 2 * SIDE_PADDING;
      // Rounded down: a page a pixel wider than the view would scroll sideways.
      if (width > 0) onFitScale(Math.floor((width / firstPage.width) * 100) / 100);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
  }, [scrollRef, firstPage, onFitScale]);

  useEffect(() => {
    const container = scrollRef.current;
    if (!container || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((before) => {
          const next = new Set(before);
          for (const entry of entries) {
            const page = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(page);
            else next.delete(page);
          }
          return next;
        }),
      { root: container, rootMargin: '100% 0px' },
    );
    for (const element of container.querySelectorAll('.pdf-page')) observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef, pageCount]);

  useLayoutEffect(() => {
    const container = scrollRef.current;
    if (target === null || !container) return;
    const element = pageElement(container, target);
    if (element) container.scrollTop = element.offsetTop - GAP;
    onTargetReached();
  }, [scrollRef, target, scale, onTargetReached]);

  useEffect(() => {
    const container = scrollRef.current;
    if (!container) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const page = currentPageOf(container);
        if (page !== null) onPage(page);
      });
    };
    container.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      container.removeEventListener('scroll', onScroll);
    };
  }, [scrollRef, onPage]);

  const byPage = useMemo(() => {
    const map = new Map<number, FindMatch[]>();
    for (const match of matches) map.set(match.page, [...(map.get(match.page) ?? []), match]);
    return map;
  }, [matches]);
  const currentMatch = current >= 0 ? matches[current] : undefined;
  // A match on a page away from the view: go there (the page, once drawn, shows the match centred).
  useLayoutEffect(() => {
    const container = scrollRef.current;
    if (!currentMatch || !container) return;
    const element = pageElement(container, currentMatch.page);
    if (!element) return;
    const top = element.offsetTop;
    const visible = top < container.scrollTop + container.clientHeight && top + element.offsetHeight > container.scrollTop;
    if (!visible) container.scrollTop = top - GAP;
  }, [scrollRef, currentMatch]);
  return (
    <div ref={scrollRef} className="pdf-scroll" tabIndex={0} aria-label="Pages">
      {pages.map((page) => {
        const onPageMatches = byPage.get(page) ?? NO_MATCHES;
        return (
          <PdfPage
            key={page}
            doc={doc}
            page={page}
            scale={scale}
            guessedSize={firstPage}
            near={near.has(page)}
            matches={onPageMatches}
            current={currentMatch && currentMatch.page === page ? onPageMatches.indexOf(currentMatch) : -1}
            onDrawn={onDrawn}
          />
        );
      })}
    </div>
  );
}
