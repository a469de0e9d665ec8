import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import type { TagCount } from '../api/types.ts';

interface TagEditorProps {
  tags: string[];
  known: TagCount[];
  onAdd: (tag: string) => Promise<boolean>;
  onRemove: (tag: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const MAX_SUGGESTIONS = 8;

function sameTag(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** Library tags containing the typed text, those starting with it first, minus the paper's own. */
export function suggestTags(draft: string, known: TagCount[], current: string[]): TagCount[] {
  const wanted = draft.trim().toLocaleLowerCase();
  if (!wanted) return [];
  const fresh = known.filter((tag) => !current.some((own) => sameTag(own, tag.name)));
  const starts = fresh.filter((tag) => tag.name.toLocaleLowerCase().startsWith(wanted));
  const contains = fresh.filter((tag) => !starts.includes(tag) && tag.name.toLocaleLowerCase().includes(wanted));
  return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
}

/**
 * The paper's tags and a field to add more, with suggestions from the library's tags. The field stays
 * a plain textbox (named "Add tag"); the suggestions are announced through aria-activedescendant.
 */
export function TagEditor({ tags, known, onAdd, onRemove, inputRef }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const suggestions = open ? suggestTags(draft, known, tags) : [];
  const activeIndex = Math.min(active, suggestions.length - 1);

  // The field empties at once so a quick Esc leaves it instead of closing stale suggestions; a tag
  // the core refuses comes back for correction.
  const add = async (tag: string) => {
    const clean = tag.trim();
    if (!clean) return;
    const typed = draft;
    setDraft('');
    setActive(0);
    if (!(await onAdd(clean))) setDraft((current) => current || typed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      void add(suggestions[activeIndex]?.name ?? draft);
    } else if (event.key === 'Escape' && suggestions.length > 0) {
      // The first Esc closes the suggestions; the next one leaves the field.
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="tag-editor">
      {tags.length > 0 && (
        <ul className="tag-chips" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => onRemove(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-input">
        <input
          ref={inputRef}
          type="text"
          aria-label="Add tag"
          placeholder="Add tag…"
          autoComplete="off"
          aria-autocomplete="list"
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${activeIndex}` : undefined}
          value={draft}
          maxLength={100}
          onChange={(event) => {
            setDraft(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        />
        {suggestions.length > 0 && (
          <ul role="listbox" id={listId} className="suggestions" aria-label="Tag suggestions">
            {suggestions.map((tag, index) => (
              <li
                key={tag.name}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => void add(tag.name)}
              >
                {tag.name} <span className="count">{tag.count}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
