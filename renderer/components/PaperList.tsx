import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type Ref } from 'react';
import type { SortKey } from '../api/types.ts';
import { countLabel } from '../lib/format.ts';
import type { ClickModifiers } from '../hooks/use-selection.ts';
import type { ListSnapshot } from '../state/paged-list.ts';
import { PaperRow, rowElementId } from './PaperRow.tsx';

export const ROW_HEIGHT = 60;

const SORTS: ReadonlyArray<readonly [SortKey, string]> = [
  ['relevance', 'Relevance'],
  ['date', 'Date'],
  ['upvotes', 'Upvotes'],
  ['title', 'Title'],
  ['added', 'Date added'],
];

interface PaperListProps {
  snapshot: ListSnapshot;
  /** The focused paper (detail pane, single-paper keys). */
  selectedId: string | null;
  /** Every selected paper; the focused one among them. */
  selectedIds: ReadonlySet<string>;
  sort: SortKey;
  query: string;
  onRange: (first: number, last: number) => void;
  onSelect: (id: string, index: number, modifiers: ClickModifiers) => void;
  onSort: (sort: SortKey) => void;
  listRef?: Ref<HTMLDivElement>;
}

/**
 * The "Papers" listbox, virtualized: only the rows in view (plus a few) exist in the DOM, and the
 * rows' pages are fetched as they scroll into view, so 100,000 papers scroll like 100.
 */
export function PaperList({ snapshot, selectedId, selectedIds, sort, query, onRange, onSelect, onSort, listRef }: PaperListProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // TanStack Virtual returns fresh functions each render; React Compiler skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: snapshot.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const selectedIndex = selectedId === null ? -1 : snapshot.indexOf(selectedId);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [snapshot.specKey, virtualizer]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  useEffect(() => {
    onRange(first, last);
  }, [first, last, snapshot.specKey, snapshot.total, onRange]);

  const count = countLabel(snapshot.total, 'paper');
  const setRefs = (element: HTMLDivElement | null) => {
    scrollRef.current = element;
    if (typeof listRef === 'function') listRef(element);
    else if (listRef) listRef.current = element;
  };

  return (
    <main className="list-pane" aria-label="Paper list">
      <div className="list-header">
        <p className="list-count" role="status" aria-label={count}>
          {count}
        </p>
        <select className="sort-select" aria-label="Sort by" value={sort} onChange={(event) => onSort(event.target.value as SortKey)}>
          {SORTS.filter(([value]) => value !== 'relevance' || query.trim() !== '').map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {snapshot.loaded && snapshot.total === 0 && (
        <p className="list-empty muted">{query.trim() ? `No papers match “${query.trim()}”.` : 'No papers in this view yet.'}</p>
      )}
      <div
        ref={setRefs}
        className="list-scroll"
        role="listbox"
        aria-label="Papers"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 && selectedIndex >= first && selectedIndex <= last ? rowElementId(selectedIndex) : undefined}
      >
        <div role="presentation" className="list-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = snapshot.row(item.index);
            return (
              <PaperRow
                key={row?.id ?? `loading-${item.index}`}
                row={row}
                index={item.index}
                total={snapshot.total}
                top={item.start}
                height={ROW_HEIGHT}
                selected={row !== undefined && (selectedIds.has(row.id) || row.id === selectedId)}
                focused={row !== undefined && row.id === selectedId}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </main>
  );
}
