/**
 * The reader's keys, while it is open: PageDown/j and PageUp/k turn pages, Home/End go to the first
 * and last page, + and − zoom, 0 fits the width, Ctrl/Cmd+F finds in the document, Esc closes the
 * reader. They are heard before the window's own shortcuts (capture), which then leave them alone;
 * typing in a field and open dialogs are left alone too.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { isTypingTarget } from './use-keyboard-shortcuts.ts';

export interface ReaderKeyActions {
  page(delta: number): void;
  first(): void;
  last(): void;
  zoom(direction: 1 | -1): void;
  fitWidth(): void;
  find(): void;
  close(): void;
}

function actionFor(key: string, actions: ReaderKeyActions): (() => void) | null {
  switch (key) {
    case 'PageDown':
    case 'j':
      return () => actions.page(1);
    case 'PageUp':
    case 'k':
      return () => actions.page(-1);
    case 'Home':
      return actions.first;
    case 'End':
      return actions.last;
    case '+':
    case '=':
      return () => actions.zoom(1);
    case '-':
    case '−':
      return () => actions.zoom(-1);
    case '0':
      return actions.fitWidth;
    case 'Escape':
      return actions.close;
    default:
      return null;
  }
}

export function usePdfReaderKeys(actions: ReaderKeyActions): void {
  const latest = useRef(actions);
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.isComposing) return;
      const target = event.target;
      if (target instanceof Element && target.closest('[role="dialog"]')) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && !event.shiftKey) {
        event.preventDefault();
        latest.current.find();
        return;
      }
      if (event.ctrlKey || event.metaKey || isTypingTarget(target)) return;
      const run = actionFor(event.key, latest.current);
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
