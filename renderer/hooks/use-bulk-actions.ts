/**
 * Actions on every selected paper: each is one `applyChanges` call (one write in the core) and one
 * undo step. The rows on screen take the core's answer at once; the rest follow the change event.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ExportFormat, OperationInput, PapershelfBridge, ReadingStatus, Row } from '../api/types.ts';
import { countLabel, STATUS_LABELS } from '../lib/format.ts';
import type { ListSnapshot, PagedList } from '../state/paged-list.ts';
import type { UndoStep } from '../state/undo-stack.ts';
import { changesStep, type Field } from '../state/undo-steps.ts';

type Change = OperationInput<'applyChanges'>['changes'][number];

/** The core's limit for one applyChanges call. */
export const MAX_BULK = 10_000;

interface BulkOptions {
  bridge: PapershelfBridge;
  ids: ReadonlySet<string>;
  snapshot: ListSnapshot;
  list: PagedList;
  record: (step: UndoStep, destructive: boolean) => void;
  track: <T>(work: Promise<T>) => Promise<T>;
  report: (message: string, tone?: 'error' | 'info') => void;
}

export interface BulkActions {
  count: number;
  setStar(starred: boolean): Promise<void>;
  addTag(tag: string): Promise<boolean>;
  removeTag(tag: string): Promise<boolean>;
  setStatus(status: ReadingStatus | null): Promise<void>;
  exportSelection(format: ExportFormat): Promise<void>;
}

export function useBulkActions({ bridge, ids, snapshot, list, record, track, report }: BulkOptions): BulkActions {
  const rows = useRef(snapshot);
  useLayoutEffect(() => {
    rows.current = snapshot;
  });
  return useMemo(() => {
    const count = ids.size;
    const run = (label: string, change: (id: string) => Omit<Change, 'id'>, fields: readonly Field[], destructive: boolean): Promise<boolean> =>
      track(
        (async () => {
          if (count === 0) return false;
          if (count > MAX_BULK) {
            report(`A change applies to at most ${MAX_BULK.toLocaleString()} papers at once (one write, one undo step); ${count.toLocaleString()} are selected.`);
            return false;
          }
          const answer = await bridge.applyChanges({ changes: [...ids].map((id) => ({ id, ...change(id) })) });
          if (!answer.ok) {
            report(answer.error.message);
            return false;
          }
          const shown = rows.current;
          for (const { id, after } of answer.value.changes) {
            const row: Row | undefined = shown.row(shown.indexOf(id));
            if (row) list.patch({ ...row, ...after });
          }
          if (answer.value.changes.length > 0) record(changesStep(`${label} (${countLabel(answer.value.changes.length, 'paper')})`, answer.value.changes, fields), destructive);
          else report('Nothing changed: the selected papers already were that way.', 'info');
          return true;
        })(),
      );
    return {
      count,
      setStar: async (starred) => void (await run(starred ? 'Starred' : 'Unstarred', () => ({ starred }), ['starred'], true)),
      addTag: (tag) => run(`Tag “${tag}” added`, () => ({ addTags: [tag] }), ['tags'], true),
      removeTag: (tag) => run(`Tag “${tag}” removed`, () => ({ removeTags: [tag] }), ['tags'], true),
      setStatus: async (status) => void (await run(status ? `Status set to ${STATUS_LABELS[status]}` : 'Status cleared', () => ({ status }), ['status'], true)),
      exportSelection: async (format) => {
        const answer = await bridge.exportPapers({ format, ids: [...ids] });
        if (!answer.ok) return report(answer.error.message);
        const { fileName, content, mimeType, count: exported } = answer.value;
        if (await bridge.saveFile(fileName, content, mimeType)) report(`Exported ${countLabel(exported, 'paper')} to ${fileName}`, 'info');
      },
    };
  }, [bridge, ids, list, record, track, report]);
}
