import { memo } from 'react';
import type { Row } from '../api/types.ts';
import type { ClickModifiers } from '../hooks/use-selection.ts';
import { authorLine, paperDate } from '../lib/format.ts';
import { ForYouReason } from './ForYouReason.tsx';
import { PdfMatchLine } from './PdfMatchLine.tsx';

interface PaperRowProps {
  row: Row | undefined;
  index: number;
  total: number;
  top: number;
  height: number;
  selected: boolean;
  /** The row the detail pane and the keys follow. */
  focused: boolean;
  onSelect: (id: string, index: number, modifiers: ClickModifiers) => void;
}

export function rowElementId(index: number): string {
  return `paper-row-${index}`;
}

/** One option of the "Papers" listbox; a placeholder while its page is being fetched. */
export const PaperRow = memo(function PaperRow({ row, index, total, top, height, selected, focused, onSelect }: PaperRowProps) {
  const position = { transform: `translateY(${top}px)`, height };
  if (!row) {
    return (
      <div role="option" id={rowElementId(index)} aria-selected={false} aria-busy="true" aria-posinset={index + 1} aria-setsize={total} className="row row-loading" style={position}>
        Loading…
      </div>
    );
  }
  return (
    <div
      role="option"
      id={rowElementId(index)}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`row${selected ? ' row-selected' : ''}${focused ? ' row-focused' : ''}`}
      style={position}
      // Shift+click extends the selection; without this it would also select the rows' text.
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => onSelect(row.id, index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey })}
      title={row.title}
    >
      <div className="row-title">
        <span className="row-title-text">{row.title}</span>
        {row.starred && (
          <span className="row-star">
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">(starred)</span>
          </span>
        )}
      </div>
      <div className="row-meta">
        <span className="row-authors">{authorLine(row)}</span>
        {row.published && <span>{paperDate(row)}</span>}
        {row.upvotes !== null && <span>▲ {row.upvotes}</span>}
        {row.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </div>
      <ForYouReason row={row} />
      <PdfMatchLine row={row} />
    </div>
  );
});
