import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { ExportFormat } from '../api/types.ts';

const ITEMS: ReadonlyArray<readonly [ExportFormat, string]> = [
  ['bibtex', 'BibTeX'],
  ['csl-json', 'CSL-JSON'],
  ['markdown', 'Markdown reading list'],
  ['json', 'Backup (whole library)'],
];

interface ExportMenuProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onExport: (format: ExportFormat) => void;
  /** What the first three formats export: the papers of the current view. */
  viewLabel: string;
}

/** The Export button and its menu (ARIA menu button: arrows move, Esc closes and returns focus). */
export function ExportMenu({ open, onOpenChange, onExport, viewLabel }: ExportMenuProps) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: MouseEvent) => {
      const target = event.target;
      if (target instanceof Node && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) onOpenChange(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open, onOpenChange]);

  const close = () => {
    onOpenChange(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => onOpenChange(!open)}
      >
        Export
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} role="menu" aria-label="Export" className="popover menu" onKeyDown={onKeyDown}>
          {ITEMS.map(([format, label]) => (
            <li key={format} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  onExport(format);
                }}
              >
                {label}
                {format !== 'json' && <span className="muted"> · {viewLabel}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
