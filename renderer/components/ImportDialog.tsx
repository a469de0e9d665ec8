import { useState, type Ref } from 'react';
import type { ImportPhase } from '../hooks/use-import.ts';
import { Dialog } from './Dialog.tsx';
import { ImportSummaryView } from './ImportSummaryView.tsx';

interface ImportDialogProps {
  phase: ImportPhase;
  /** Which way in the dialog offers first: choosing a file or pasting a listing. */
  start: 'file' | 'paste';
  onFile: (file: File) => void;
  onText: (text: string) => void;
  onRetry: () => void;
  onClose: () => void;
  fileInputRef?: Ref<HTMLInputElement>;
}

const FORMATS =
  'A Hugging Face papers page copied as text, a Daily Papers API response (JSON), an arXiv API response (Atom XML), BibTeX, or a Papershelf backup. The format is detected.';

function Progress({ phase }: { phase: Extract<ImportPhase, { kind: 'reading' | 'importing' }> }) {
  const reading = phase.kind === 'reading';
  return (
    <div className="import-progress">
      <p>{reading ? `Reading ${phase.name}…` : `Importing ${phase.name}…`}</p>
      {reading && phase.total > 0 ? (
        <progress aria-label="Import progress" max={phase.total} value={phase.loaded} />
      ) : (
        <progress aria-label="Import progress" />
      )}
    </div>
  );
}

export function ImportDialog({ phase, start, onFile, onText, onRetry, onClose, fileInputRef }: ImportDialogProps) {
  const [text, setText] = useState('');
  if (phase.kind === 'done') {
    return (
      <Dialog key="summary" title="Import summary" onClose={onClose}>
        <ImportSummaryView name={phase.name} summary={phase.summary} />
        <div className="dialog-actions">
          <button type="button" data-autofocus onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Import papers" onClose={onClose} className="import-dialog">
      {phase.kind === 'reading' || phase.kind === 'importing' ? (
        <Progress phase={phase} />
      ) : phase.kind === 'failed' ? (
        <>
          <p role="alert" className="error">
            {phase.message}
          </p>
          <div className="dialog-actions">
            <button type="button" data-autofocus onClick={onRetry}>
              Try again
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{FORMATS}</p>
          <label className="field">
            <span>Choose a file, or drop one anywhere on the window</span>
            <input
              ref={fileInputRef}
              type="file"
              aria-label="Choose file"
              accept=".txt,.json,.xml,.atom,.bib,.bibtex,text/plain,application/json,application/xml"
              data-autofocus={start === 'file' ? true : undefined}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) onFile(file);
              }}
            />
          </label>
          <label className="field">
            <span>Or paste a listing</span>
            <textarea
              aria-label="Listing text"
              className="paste-input"
              rows={8}
              value={text}
              placeholder="Select all on a Hugging Face papers page, copy, and paste here."
              data-autofocus={start === 'paste' ? true : undefined}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <div className="dialog-actions">
            <button type="button" disabled={!text.trim()} onClick={() => onText(text)}>
              Import text
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
