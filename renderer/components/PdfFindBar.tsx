/** Find in the PDF: the query, "2 of 5", previous/next (Enter, Shift+Enter) and Esc to close. */
import type { Ref } from 'react';
import type { PdfFind } from '../hooks/use-pdf-find.ts';

interface PdfFindBarProps {
  query: string;
  onQuery(query: string): void;
  find: PdfFind;
  onClose(): void;
  inputRef: Ref<HTMLInputElement>;
}

function countText(query: string, find: PdfFind): string {
  if (query.trim() === '') return '';
  if (find.reading) return 'Reading the text…';
  if (find.matches.length === 0) return 'No matches';
  return `${find.current + 1} of ${find.matches.length}`;
}

export function PdfFindBar({ query, onQuery, find, onClose, inputRef }: PdfFindBarProps) {
  const none = find.matches.length === 0;
  return (
    <div className="pdf-find" role="search" aria-label="Find in PDF">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find in PDF"
        placeholder="Find in PDF"
        value={query}
        maxLength={200}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) find.previous();
            else find.next();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="pdf-find-count muted" role="status">
        {countText(query, find)}
      </span>
      <button type="button" className="icon-button" aria-label="Previous match" disabled={none} onClick={find.previous}>
        ↑
      </button>
      <button type="button" className="icon-button" aria-label="Next match" disabled={none} onClick={find.next}>
        ↓
      </button>
      <button type="button" className="icon-button" aria-label="Close find" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
