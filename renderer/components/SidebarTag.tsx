import { useState, type FormEvent } from 'react';
import type { TagCount } from '../api/types.ts';
import { countLabel } from '../lib/format.ts';
import { SidebarItem } from './SidebarItem.tsx';

interface SidebarTagProps {
  tag: TagCount;
  active: boolean;
  onSelect: () => void;
  onRename: (from: string, to: string) => Promise<boolean>;
  onDelete: (tag: string) => Promise<boolean>;
}

/** A tag in the sidebar: opens its view, and renames or deletes it on every paper. */
export function SidebarTag({ tag, active, onSelect, onRename, onDelete }: SidebarTagProps) {
  const [mode, setMode] = useState<'show' | 'rename' | 'delete'>('show');
  const [name, setName] = useState(tag.name);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const target = name.trim();
    if (target === tag.name || !target) return setMode('show');
    if (await onRename(tag.name, target)) setMode('show');
  };

  if (mode === 'rename') {
    return (
      <li className="tag-item">
        <form className="tag-rename" onSubmit={rename}>
          <input
            aria-label={`New name for tag ${tag.name}`}
            value={name}
            maxLength={100}
            autoFocus
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              setMode('show');
            }}
          />
          <button type="submit">Rename</button>
          <button type="button" onClick={() => setMode('show')}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  if (mode === 'delete') {
    return (
      <li className="tag-item tag-confirm" role="group" aria-label={`Delete tag ${tag.name}?`}>
        <span>
          Remove “{tag.name}” from {countLabel(tag.count, 'paper')}?
        </span>
        <button type="button" className="danger" onClick={() => void onDelete(tag.name).then((done) => done || setMode('show'))}>
          Delete
        </button>
        <button type="button" onClick={() => setMode('show')}>
          Cancel
        </button>
      </li>
    );
  }

  return (
    <li className="tag-item">
      <SidebarItem label={tag.name} count={tag.count} active={active} onClick={onSelect} />
      <span className="tag-tools">
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename tag ${tag.name}`}
          onClick={() => {
            setName(tag.name);
            setMode('rename');
          }}
        >
          ✎
        </button>
        <button type="button" className="icon-button" aria-label={`Delete tag ${tag.name}`} onClick={() => setMode('delete')}>
          ×
        </button>
      </span>
    </li>
  );
}
