import { useCallback, useId, useState, type Ref } from 'react';
import { SyntaxHelp } from './SyntaxHelp.tsx';

interface SearchBarProps {
  value: string;
  onChange: (query: string) => void;
  /** Why the current query cannot run; shown inline while the previous results stay. */
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

export function SearchBar({ value, onChange, error, inputRef }: SearchBarProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const errorId = useId();
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return (
    <div className="search">
      <div className="search-row">
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          aria-label="Search papers"
          placeholder="Search papers  ( / )"
          value={value}
          maxLength={1000}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Chromium empties a search field on Esc; here Esc only leaves it, keeping the results to browse.
            event.preventDefault();
            event.currentTarget.blur();
          }}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Search syntax"
          aria-expanded={helpOpen}
          aria-controls={helpOpen ? helpId : undefined}
          onClick={() => setHelpOpen((open) => !open)}
        >
          ?
        </button>
      </div>
      {helpOpen && <SyntaxHelp id={helpId} onClose={closeHelp} />}
      {error && (
        <p id={errorId} className="search-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
