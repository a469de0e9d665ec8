import { useState, type FormEvent } from 'react';

interface SourcesFollowFormProps {
  followingHf: boolean;
  busy: boolean;
  onFollowHf: () => void;
  /** Resolves true when the core accepted the follow, so the field can be cleared. */
  onFollowArxiv: (query: string) => Promise<boolean>;
}

/** Ways to follow something new: Daily Papers with one click, or an arXiv query. */
export function SourcesFollowForm({ followingHf, busy, onFollowHf, onFollowArxiv }: SourcesFollowFormProps) {
  const [query, setQuery] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The core judges the query (empty, unbalanced quotes) and says why, so nothing is checked here.
    if (await onFollowArxiv(query)) setQuery('');
  };
  return (
    <div className="follow-controls">
      {!followingHf && (
        <button type="button" disabled={busy} onClick={onFollowHf}>
          Follow Hugging Face Daily Papers
        </button>
      )}
      <form className="follow-form" onSubmit={(event) => void submit(event)}>
        <input
          type="text"
          aria-label="arXiv query"
          placeholder="cat:cs.LG AND all:reward"
          value={query}
          maxLength={1000}
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          Follow
        </button>
      </form>
    </div>
  );
}
