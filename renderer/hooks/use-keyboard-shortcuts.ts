/**
 * The window's shortcuts. They are ignored while the user types in a field, except Esc, which leaves
 * the field (so Ctrl+Z there is the field's own undo); and while a dialog is open, which handles its
 * own keys.
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
  /** Shift+j/k, Shift+↓/↑: moves and extends the selection. */
  extend?(delta: number): void;
  /** Ctrl/Cmd+A: every paper of the list. */
  selectAll?(): void;
  /** Esc outside a field: back to one paper; false when there was no multi-selection. */
  clearSelection?(): boolean;
  /** `x`: "Not interested" (every selected paper); it leaves For you, and Undo brings it back. */
  dismiss?(): void;
  /** `p`: reads the paper's PDF (or offers to download it). */
  readPdf?(): void;
  /** Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y). */
  undo?(): void;
  redo?(): void;
}

export const SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['/', 'Search'],
  ['j or ↓', 'Next paper'],
  ['k or ↑', 'Previous paper'],
  ['Shift+j / Shift+k', 'Extend the selection (also Shift+click; Ctrl/Cmd+click adds one)'],
  ['Ctrl/Cmd+A', 'Select every paper of the list'],
  ['Home / End', 'First or last paper'],
  ['PgUp / PgDn', 'A page up or down'],
  ['s', 'Star or unstar (every selected paper)'],
  ['r', 'Reading status: to read → reading → read → none (every selected paper)'],
  ['t', 'Add a tag (to every selected paper)'],
  ['n', 'Edit the note'],
  ['c', 'Copy the citation (style chosen under Copy citation)'],
  ['o', 'Open the paper in the browser (no link: search Hugging Face Papers)'],
  ['x', 'Not interested: leaves For you and teaches it (every selected paper; Undo brings it back)'],
  ['p', 'Read the PDF (in the reader: PgUp/PgDn or j/k turn pages, + − zoom, Ctrl/Cmd+F finds, Esc closes)'],
  ['Ctrl/Cmd+Z', 'Undo the last change (outside text fields)'],
  ['Shift+Ctrl/Cmd+Z', 'Redo'],
  ['Esc', 'Leave the field; clear the selection'],
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
      if (event.defaultPrevented || event.altKey || event.isComposing) return;
      const target = event.target;
      if (event.ctrlKey || event.metaKey) {
        // In a text field, Ctrl+Z and Ctrl+A stay the field's own (its typing history, its text).
        if (isTypingTarget(target)) return;
        const run = modifiedKeyAction(event.key, event.shiftKey, latest.current.actions);
        if (!run) return;
        event.preventDefault();
        run();
        return;
      }
      if (event.key === 'Escape') {
        if (target instanceof HTMLElement && isTypingTarget(target)) target.blur();
        else if (latest.current.actions.clearSelection?.()) event.preventDefault();
        return;
      }
      if (isTypingTarget(target)) return;
      const delta = event.shiftKey ? EXTEND_KEYS[event.key] : undefined;
      if (delta !== undefined) {
        const extend = latest.current.actions.extend;
        if (!extend) return;
        event.preventDefault();
        extend(delta);
        return;
      }
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

const EXTEND_KEYS: Partial<Record<string, number>> = { J: 1, j: 1, ArrowDown: 1, K: -1, k: -1, ArrowUp: -1 };

function modifiedKeyAction(key: string, shift: boolean, actions: ShortcutActions): (() => void) | null {
  switch (key.toLowerCase()) {
    case 'z':
      return (shift ? actions.redo : actions.undo) ?? null;
    case 'y':
      return shift ? null : (actions.redo ?? null);
    case 'a':
      return shift ? null : (actions.selectAll ?? null);
    default:
      return null;
  }
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
    case 'x':
      return actions.dismiss ?? null;
    case 'p':
      return actions.readPdf ?? null;
    case '?':
      return actions.showShortcuts;
    default:
      return null;
  }
}
