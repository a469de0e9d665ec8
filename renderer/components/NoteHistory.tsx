import { useState } from 'react';
import { useBridge } from '../api/bridge-context.ts';
import { useNoteHistory, type NoteVersion } from '../hooks/use-note-history.ts';
import { MarkdownPreview } from './MarkdownPreview.tsx';

interface NoteHistoryProps {
  paperId: string;
  /** The note as the core has it; the history is reloaded when it changes. */
  note: string | null;
  /** Sends edits not yet saved, so that they become a version before another text replaces them. */
  flush: () => Promise<void>;
  restore: (paperId: string, version: number) => Promise<boolean>;
}

export const HISTORY_LIST_ID = 'note-history';

function savedAtLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The first line with words in it, shortened: enough to tell versions apart in the list. */
export function firstLine(text: string, max = 80): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The note's earlier versions, newest first; one is previewed and can be brought back. */
export function NoteHistory({ paperId, note, flush, restore }: NoteHistoryProps) {
  const bridge = useBridge();
  const history = useNoteHistory(bridge, paperId, note);
  const [chosen, setChosen] = useState<number | null>(null);
  const [status, setStatus] = useState('');

  if (history.kind === 'loading') return <p className="note-history muted">Loading the note's history…</p>;
  if (history.kind === 'failed') return <p className="note-history error">{history.message}</p>;
  const { versions } = history;
  const shown: NoteVersion | undefined = versions.find((version) => version.version === chosen) ?? versions[0];

  const bringBack = async (version: NoteVersion) => {
    await flush();
    if (await restore(paperId, version.version)) {
      setChosen(null);
      setStatus(`Restored the version from ${savedAtLabel(version.savedAt)}; the text it replaced is kept in the history.`);
    }
  };

  return (
    <section id={HISTORY_LIST_ID} className="note-history" aria-label="Note history">
      <p className="muted note-history-status" role="status">
        {status}
      </p>
      {versions.length === 0 ? (
        <p className="muted">No earlier versions of this note yet: each save keeps the text it replaces.</p>
      ) : (
        <>
          <ul className="note-history-list" aria-label="Earlier versions, newest first">
            {versions.map((version) => (
              <li key={version.version}>
                <button type="button" className="note-version" aria-pressed={version === shown} onClick={() => setChosen(version.version)}>
                  <span className="note-version-date">{savedAtLabel(version.savedAt)}</span>
                  <span className="note-version-line">{firstLine(version.text) || '(blank)'}</span>
                </button>
              </li>
            ))}
          </ul>
          {shown && (
            <div className="note-version-preview" role="region" aria-label={`Version of ${savedAtLabel(shown.savedAt)}`}>
              <div className="markdown">
                <MarkdownPreview text={shown.text} />
              </div>
              <button type="button" onClick={() => void bringBack(shown)}>
                Restore this version
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
