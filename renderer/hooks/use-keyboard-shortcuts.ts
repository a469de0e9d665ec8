/**
 * The window's single-key shortcuts. They are ignored while the user types in a field, except Esc,
 * which leaves the field; and while a dialog is open, which handles its own keys.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export interface ShortcutActions {
  focusSearch(): void;
  move(delta: number): void;
  toggleStar(): void;
  focusTags(): void;
  focusNote(): void;
  openPaper(): void;
  showShortcuts(): void;
}

export const SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['/', 'Search'],
  ['j or ↓', 'Next paper'],
  ['k or ↑', 'Previous paper'],
  ['s', 'Star or unstar'],
  ['t', 'Add a tag'],
  ['n', 'Edit the note'],
  ['o', 'Open the paper in the browser'],
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

export function useKeyboardShortcuts(actions: ShortcutActions, enabled: boolean): void {
  const latest = useRef(actions);
  useLayoutEffect(() => {
    latest.current = actions;
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
      const run = keyAction(event.key, latest.current);
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

function keyAction(key: string, actions: ShortcutActions): (() => void) | null {
  switch (key) {
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
