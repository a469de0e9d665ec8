/** What became of each dropped PDF: kept for a paper of the library, added with its paper, or not matched (and why). */
import type { PdfDropState, PdfFileOutcome } from '../hooks/use-pdf-drop.ts';
import { Dialog } from './Dialog.tsx';

function outcomeText(result: PdfFileOutcome): string {
  const how = result.by === 'arxiv-stamp' ? ' by its arXiv stamp' : result.by === 'doi' ? ' by its DOI' : result.by === 'title' ? ' by its title' : '';
  if (result.outcome === 'matched') return `Matched${how}: kept for ${result.id ?? 'its paper'}`;
  if (result.outcome === 'added') return `Added to the library as ${result.id ?? 'a new paper'}${how}`;
  return `Not matched${result.reason ? `: ${result.reason}` : ''}. Nothing was kept.`;
}

export function PdfDropResults({ state, onClose, onOpen }: { state: PdfDropState; onClose(): void; onOpen(id: string): void }) {
  const busy = state.pending.length > 0;
  return (
    <Dialog title="Dropped PDFs" onClose={onClose} className="pdf-drop-results">
      <ul className="pdf-drop-list" aria-label="Dropped PDFs">
        {state.results.map((result, index) => (
          <li key={`${index}:${result.name}`} data-outcome={result.outcome}>
            <strong>{result.name}</strong>
            <span className={result.outcome === 'unmatched' ? 'pdf-problem' : 'muted'}> — {outcomeText(result)}</span>
            {result.id && result.outcome !== 'unmatched' && (
              <button type="button" className="link-button" onClick={() => onOpen(result.id ?? '')}>
                Show
              </button>
            )}
          </li>
        ))}
        {state.pending.map((name, index) => (
          <li key={`pending:${index}:${name}`} className="muted">
            {name} — attaching…
          </li>
        ))}
      </ul>
      <p role="status" className="muted">
        {busy ? `Attaching ${state.pending.length} PDF${state.pending.length === 1 ? '' : 's'}…` : `${state.results.length} PDF${state.results.length === 1 ? '' : 's'} done.`}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
