import { useDeferredValue, useState, type Ref } from 'react';
import { useNoteAutosave, type SaveNote } from '../hooks/use-note-autosave.ts';
import { MarkdownPreview } from './MarkdownPreview.tsx';
import { HISTORY_LIST_ID, NoteHistory } from './NoteHistory.tsx';

interface NoteEditorProps {
  paperId: string;
  note: string | null;
  save: SaveNote;
  /** Brings back an earlier version of the note; true once the core has it. */
  restore: (paperId: string, version: number) => Promise<boolean>;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** Markdown note with a live preview; mount one per paper (key it by id) so edits flush to the right paper. */
export function NoteEditor({ paperId, note, save, restore, textareaRef }: NoteEditorProps) {
  const { text, change, flush, pending } = useNoteAutosave(paperId, note ?? '', save);
  // A long note re-renders its preview without delaying the keystrokes.
  const preview = useDeferredValue(text);
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <section className="note" aria-labelledby="note-heading">
      <div className="note-header">
        <h3 id="note-heading">Your note</h3>
        <span className="muted note-saved" aria-live="polite">
          {pending ? 'Saving…' : text ? 'Saved' : ''}
        </span>
        <button type="button" className="note-history-toggle" aria-expanded={historyOpen} aria-controls={historyOpen ? HISTORY_LIST_ID : undefined} onClick={() => setHistoryOpen((open) => !open)}>
          History
        </button>
      </div>
      {historyOpen && <NoteHistory paperId={paperId} note={note} flush={flush} restore={restore} />}
      <textarea
        ref={textareaRef}
        className="note-input"
        aria-label="Note"
        placeholder="Write in Markdown. $x^2$ and $$\sum_i x_i$$ render as math."
        value={text}
        onChange={(event) => change(event.target.value)}
        onBlur={flush}
        spellCheck
      />
      {preview.trim() && (
        <div className="note-preview markdown" role="region" aria-label="Note preview">
          <MarkdownPreview text={preview} />
        </div>
      )}
    </section>
  );
}
