import { useId, useState, type FormEvent } from 'react';
import { Dialog } from './Dialog.tsx';

interface SourcesFollowFormProps {
  followingHf: boolean;
  busy: boolean;
  /** The core's refusal of the last follow, shown beside the field it concerns. */
  error: string | null;
  /** Resolves true when the core accepted the follow. */
  onFollowHf: () => Promise<boolean>;
  onFollowArxiv: (query: string) => Promise<boolean>;
  onClose: () => void;
}

/** Ways to follow something new, in a dialog of its own: Daily Papers with one click, or an arXiv query. */
export function SourcesFollowForm({ followingHf, busy, error, onFollowHf, onFollowArxiv, onClose }: SourcesFollowFormProps) {
  const [query, setQuery] = useState('');
  const helpId = useId();
  const errorId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The core judges the query (empty, unbalanced quotes) and says why, so nothing is checked here.
    if (await onFollowArxiv(query)) onClose();
  };
  return (
    <Dialog title="Follow a source" onClose={onClose} className="follow-dialog">
      <section className="follow-option">
        <h3>Hugging Face Daily Papers</h3>
        <p className="muted">The papers featured each day; the first refresh fetches the last 7 days.</p>
        {followingHf ? (
          <p>Already followed.</p>
        ) : (
          <button type="button" disabled={busy} onClick={() => void onFollowHf().then((ok) => ok && onClose())}>
            Follow Hugging Face Daily Papers
          </button>
        )}
      </section>
      <form className="follow-option" onSubmit={(event) => void submit(event)}>
        <h3>An arXiv search</h3>
        <label className="field">
          <span>arXiv query</span>
          <input
            type="text"
            data-autofocus
            placeholder="cat:cs.LG AND all:reward"
            value={query}
            maxLength={1000}
            spellCheck={false}
            aria-describedby={error ? `${helpId} ${errorId}` : helpId}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <p id={helpId} className="muted follow-help">
          arXiv API syntax: fields <code>ti:</code>, <code>au:</code>, <code>abs:</code>, <code>cat:</code>, <code>all:</code>, joined with <code>AND</code>, <code>OR</code>,{' '}
          <code>ANDNOT</code>. Each refresh fetches the newest results.
        </p>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Follow
          </button>
        </div>
      </form>
    </Dialog>
  );
}
