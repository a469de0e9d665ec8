import { useEffect, useId, useState, type Ref } from 'react';
import { useBridge } from '../api/bridge-context.ts';
import type { ExportFormat, PaperView, ReadingStatus, TagCount } from '../api/types.ts';
import type { BulkActions } from '../hooks/use-bulk-actions.ts';
import { countLabel, STATUS_LABELS } from '../lib/format.ts';
import { CopyCitation } from './CopyCitation.tsx';

/** Citations are formatted in the window: beyond this many papers, export a file instead. */
export const MAX_CITED = 2000;

const EXPORTS: ReadonlyArray<readonly [ExportFormat, string]> = [
  ['bibtex', 'BibTeX'],
  ['csl-json', 'CSL-JSON'],
  ['markdown', 'Markdown reading list'],
  ['bibliography', 'Bibliography (APA)'],
];

interface BulkToolbarProps {
  ids: ReadonlySet<string>;
  bulk: BulkActions;
  knownTags: TagCount[];
  tagInputRef?: Ref<HTMLInputElement>;
  onClear: () => void;
}

/**
 * What several selected papers can have done to them at once, in place of one paper's details
 * (as Zotero's item pane says "N items selected"). Each action is one change, undone as one.
 */
export function BulkToolbar({ ids, bulk, knownTags, tagInputRef, onClear }: BulkToolbarProps) {
  const bridge = useBridge();
  const tagListId = useId();
  const [tag, setTag] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [cited, setCited] = useState<{ ids: ReadonlySet<string>; papers: PaperView[] } | null>(null);

  useEffect(() => {
    if (ids.size > MAX_CITED) return;
    let live = true;
    void bridge.listPapers({ ids: [...ids], limit: ids.size }).then((answer) => {
      if (live && answer.ok) setCited({ ids, papers: answer.value.results });
    });
    return () => {
      live = false;
    };
  }, [bridge, ids]);

  const tagAction = async (act: (tag: string) => Promise<boolean>) => {
    const name = tag.trim();
    if (name && (await act(name))) setTag('');
  };

  return (
    <section className="detail bulk-pane" aria-label="Selected papers">
      <h2 className="bulk-title">{countLabel(ids.size, 'paper')} selected</h2>
      <div className="bulk-toolbar" role="toolbar" aria-label={`${ids.size} selected`}>
        <div className="bulk-group">
          <button type="button" onClick={() => void bulk.setStar(true)}>
            ★ Star
          </button>
          <button type="button" onClick={() => void bulk.setStar(false)}>
            Unstar
          </button>
        </div>
        <div className="bulk-group">
          <input
            ref={tagInputRef}
            aria-label="Tag for the selected papers"
            placeholder="Tag"
            list={tagListId}
            value={tag}
            onChange={(event) => setTag(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void tagAction(bulk.addTag);
            }}
          />
          <datalist id={tagListId}>
            {knownTags.map((known) => (
              <option key={known.name} value={known.name} />
            ))}
          </datalist>
          <button type="button" onClick={() => void tagAction(bulk.addTag)} disabled={!tag.trim()}>
            Add tag
          </button>
          <button type="button" onClick={() => void tagAction(bulk.removeTag)} disabled={!tag.trim()}>
            Remove tag
          </button>
        </div>
        <div className="bulk-group">
          <select
            aria-label="Set status of the selected papers"
            value=""
            onChange={(event) => {
              const value = event.target.value;
              if (value) void bulk.setStatus(value === 'none' ? null : (value as ReadingStatus));
            }}
          >
            <option value="">Set status…</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value="none">No status</option>
          </select>
        </div>
        <div className="bulk-group">
          <select aria-label="Export format for the selected papers" value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
            {EXPORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void bulk.exportSelection(format)}>
            Export selection
          </button>
        </div>
        <button type="button" className="link-button" onClick={onClear}>
          Clear selection (Esc)
        </button>
      </div>
      {ids.size <= MAX_CITED ? (
        <CopyCitation papers={cited?.ids === ids ? cited.papers : []} label="Copy citations" />
      ) : (
        <p className="muted">Citations are copied for up to {MAX_CITED.toLocaleString()} papers; export the selection instead.</p>
      )}
    </section>
  );
}
