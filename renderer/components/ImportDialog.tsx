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

const SIZE_UNITS = ['bytes', 'KB', 'MB', 'GB'];

export function sizeLabel(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes.toLocaleString()} bytes` : `${value.toFixed(1)} ${SIZE_UNITS[unit]}`;
}

/**
 * Reading a file has byte counts; the import itself is one call to the core that reports no progress,
 * so its bar is indeterminate and says how much it is working through.
 */
function Progress({ phase, size }: { phase: Extract<ImportPhase, { kind: 'reading' | 'importing' }>; size: string | null }) {
  if (phase.kind === 'reading' && phase.total > 0) {
    const percent = Math.floor((phase.loaded / phase.total) * 100);
    return (
      <div className="import-progress">
        <p>Reading {phase.name}…</p>
        <progress aria-label="Import progress" aria-valuetext={`${percent}%`} max={phase.total} value={phase.loaded} />
        <p className="muted import-counts">
          {sizeLabel(phase.loaded)} of {sizeLabel(phase.total)} read ({percent}%)
        </p>
      </div>
    );
  }
  return (
    <div className="import-progress">
      <p>
        {phase.kind === 'reading' ? 'Reading' : 'Importing'} {phase.name}
        {size ? ` (${size})` : ''}…
      </p>
      <progress aria-label="Import progress" />
      {phase.kind === 'importing' && <p className="muted import-counts">Parsing, merging and indexing; a large file takes a while.</p>}
    </div>
  );
}

export function ImportDialog({ phase, start, onFile, onText, onRetry, onClose, fileInputRef }: ImportDialogProps) {
  const [text, setText] = useState('');
  // The file's size, kept from the reading phase for the import that follows it.
  const [fileSize, setFileSize] = useState<number | null>(null);
  if (phase.kind === 'reading' && phase.total !== fileSize) setFileSize(phase.total);
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
        <Progress phase={phase} size={fileSize !== null ? sizeLabel(fileSize) : text.trim() ? `${text.length.toLocaleString()} characters` : null} />
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
