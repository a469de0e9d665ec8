/**
 * The window's single-key shortcuts. They are ignored while the user types in a field, except Esc,
 * which leaves the field; and while a dialog is open, which handles its own keys.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export interface ShortcutActions {
  focusSearch(): void;
  /** Moves the selection by `delta` rows; ±Infinity goes to the first or last paper. */
  move(delta: number): void;
  toggleStar(): void;
  /** `r`: to read, reading, read, no status. */
  cycleStatus?(): void;
  /** `c`: copies the selected paper's citation. */
  copyCitation?(): void;
  focusTags(): void;
  focusNote(): void;
  openPaper(): void;
  showShortcuts(): void;
}

export const SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['/', 'Search'],
  ['j or ↓', 'Next paper'],
  ['k or ↑', 'Previous paper'],
  ['Home / End', 'First or last paper'],
  ['PgUp / PgDn', 'A page up or down'],
  ['s', 'Star or unstar'],
  ['r', 'Reading status: to read → reading → read → none'],
  ['t', 'Add a tag'],
  ['n', 'Edit the note'],
  ['c', 'Copy the citation (style chosen under Copy citation)'],
  ['o', 'Open the paper in the browser (no link: search Hugging Face Papers)'],
  ['Esc', 'Leave the field'],
  ['?', 'Show these shortcuts'],
];

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type);
}

const PAGE_KEYS = new Set(['Home', 'End', 'PageUp', 'PageDown']);

/**
 * Home/End/PageUp/PageDown move the selection from the list (or with nothing focused); elsewhere,
 * in the detail pane or the sidebar, they keep scrolling what they are in.
 */
function movesInList(target: EventTarget | null): boolean {
  if (!(target instanceof Element) || target === document.body || target === document.documentElement) return true;
  return target.closest('[role="listbox"]') !== null;
}

/** Rows PageUp/PageDown move when the list does not say how many it shows. */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * `pageSize`: how many rows the list shows at once (PageUp/PageDown move by that many); a function
 * is asked at each key press, so it can measure the list as it is then.
 */
export function useKeyboardShortcuts(actions: ShortcutActions, enabled: boolean, pageSize: number | (() => number) = DEFAULT_PAGE_SIZE): void {
  const latest = useRef({ actions, pageSize });
  useLayoutEffect(() => {
    latest.current = { actions, pageSize };
  });

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target;
      if (event.key === 'Escape') {
        if (target instanceof HTMLElement && isTypingTarget(target)) target.blur();
        return;
      }
      if (isTypingTarget(target)) return;
      if (PAGE_KEYS.has(event.key) && !movesInList(target)) return;
      const size = latest.current.pageSize;
      const rows = Math.floor(typeof size === 'function' ? size() : size);
      const run = keyAction(event.key, latest.current.actions, Number.isFinite(rows) && rows > 0 ? rows : DEFAULT_PAGE_SIZE);
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

function keyAction(key: string, actions: ShortcutActions, pageSize: number): (() => void) | null {
  switch (key) {
    case 'Home':
      return () => actions.move(-Infinity);
    case 'End':
      return () => actions.move(Infinity);
    case 'PageUp':
      return () => actions.move(-pageSize);
    case 'PageDown':
      return () => actions.move(pageSize);
    case 'r':
      return actions.cycleStatus ?? null;
    case 'c':
      return actions.copyCitation ?? null;
    case '/':
      return actions.focusSearch;
    case 'j':
    case 'ArrowDown':
      return () => actions.move(1);
    case 'k':
    case 'ArrowUp':
      return () => actions.move(-1);
    case 's':
      return actions.toggleStar;
    case 't':
      return actions.focusTags;
    case 'n':
      return actions.focusNote;
    case 'o':
      return actions.openPaper;
    case '?':
      return actions.showShortcuts;
    default:
      return null;
  }
}
