import { useEffect, useRef } from 'react';
import type { UndoToastState } from '../hooks/use-undo.ts';

export const UNDO_TOAST_MS = 8000;

/**
 * Follows a change that removed something: says what, with an Undo button. It leaves after ~8 s,
 * unless the keyboard or the pointer is on it (someone reaching for the button keeps it).
 */
export function UndoToast({ toast, onUndo, onDismiss }: { toast: UndoToastState | null; onUndo: () => void; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!toast) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(() => {
        const element = ref.current;
        if (element && (element.contains(document.activeElement) || element.matches(':hover'))) arm();
        else onDismiss();
      }, UNDO_TOAST_MS);
    };
    arm();
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);

  return (
    <div ref={ref} className="undo-toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="undo-toast" key={toast.id}>
          <span>{toast.label}</span>
          <button type="button" onClick={onUndo}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
