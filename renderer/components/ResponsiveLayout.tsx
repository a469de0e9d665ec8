import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

/** The sidebar's element id, for the toggle's aria-controls. */
export const SIDEBAR_ID = 'library-sidebar';
const PAPER_LIST = '[role="listbox"][aria-label="Papers"]';

type Pane = 'list' | 'detail';

/**
 * What a narrow window needs around the workspace (app.css decides when it is narrow): the sidebar
 * behind a toggle, and below two columns the detail pane in place of the list, with Back to return.
 * It watches clicks rather than owning the selection, so the wide layout is untouched by it.
 */
export function ResponsiveLayout({ children }: { children: ReactNode }) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [pane, setPane] = useState<Pane>('list');
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Where focus goes after the next change of pane or drawer, once the new layout is painted.
  const focusNext = useRef<(() => HTMLElement | null) | null>(null);

  useEffect(() => {
    const target = focusNext.current?.();
    focusNext.current = null;
    target?.focus();
  }, [pane, sidebarOpen]);

  const closeSidebar = (returnFocus: boolean) => {
    if (returnFocus) focusNext.current = () => toggleRef.current;
    setSidebarOpen(false);
  };
  const openSidebar = () => {
    focusNext.current = () => document.querySelector<HTMLElement>(`#${SIDEBAR_ID} button`);
    setSidebarOpen(true);
  };

  const onClickCapture = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest(`#${SIDEBAR_ID} .nav-item`)) closeSidebar(false);
    if (target.closest(`${PAPER_LIST} [role="option"]`)) setPane('detail');
  };
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target : null;
    if (event.key === 'Escape' && sidebarOpen) {
      closeSidebar(true);
    } else if (event.key === 'Enter' && target?.matches(PAPER_LIST)) {
      setPane('detail');
    }
  };
  const back = () => {
    focusNext.current = () => document.querySelector<HTMLElement>(PAPER_LIST);
    setPane('list');
  };

  return (
    <div className="layout" data-sidebar={sidebarOpen ? 'open' : 'closed'} data-pane={pane} onClickCapture={onClickCapture} onKeyDownCapture={onKeyDownCapture}>
      <button
        ref={toggleRef}
        type="button"
        className="sidebar-toggle"
        aria-label="Library menu"
        aria-expanded={sidebarOpen}
        aria-controls={SIDEBAR_ID}
        onClick={() => (sidebarOpen ? closeSidebar(true) : openSidebar())}
      >
        <span aria-hidden="true">☰</span>
      </button>
      {sidebarOpen && <div className="sidebar-scrim" aria-hidden="true" onClick={() => closeSidebar(true)} />}
      {children}
      <button type="button" className="narrow-back" onClick={back}>
        <span aria-hidden="true">← </span>Back
      </button>
    </div>
  );
}
