/** What the detail pane and the shortcuts can do to the selected paper; each goes to the core at once. */
import { useEffect, useMemo, useRef } from 'react';
import type { ApiResult, PaperView, PapershelfBridge } from '../api/types.ts';
import type { DetailActions } from '../components/DetailPane.tsx';
import { loadCitationPrefs } from '../lib/citation-prefs.ts';
import { copyCitations } from '../lib/citations.ts';
import { nextStatus } from '../lib/format.ts';
import { openTarget } from '../lib/paper-links.ts';
import type { UndoStep } from '../state/undo-stack.ts';
import { paperStep, type Field } from '../state/undo-steps.ts';

type Apply = (request: Promise<ApiResult<PaperView>>) => Promise<PaperView | null>;

export interface PaperActionOptions {
  /** Shows a message to the user (the window's notices). */
  report?: (message: string, tone?: 'error' | 'info') => void;
  /** Runs a query in the search box: authors and organisations are links to their papers. */
  search?: (query: string) => void;
  /** Records an undo step; `destructive` changes (something removed) offer Undo at once. */
  record?: (step: UndoStep, destructive: boolean) => void;
  /** A change being sent; undo waits for it. */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

export const NO_LINK_NOTICE = 'This paper has no link of its own: searching Hugging Face Papers for its title.';

export function usePaperActions(
  bridge: PapershelfBridge,
  paper: PaperView | null,
  apply: Apply,
  select: (id: string) => void,
  { report, search, record, track }: PaperActionOptions = {},
): DetailActions {
  // The note of each paper shown, as the core last answered it.
  const notes = useRef(new Map<string, string>());
  useEffect(() => {
    if (paper) notes.current.set(paper.id, paper.note ?? '');
  }, [paper]);

  return useMemo(() => {
    const id = paper?.id;
    const sent = track ?? (<T>(work: Promise<T>) => work);
    /** Sends a change of the shown paper and records its undo step from the core's answer. */
    const change = (request: Promise<ApiResult<PaperView>>, field: Field, label: (after: PaperView) => string, destructive: (after: PaperView) => boolean) => {
      if (!paper) return Promise.resolve(null);
      const before = paper;
      return sent(
        apply(request).then((after) => {
          const step = after && paperStep(label(after), after.id, before, after, [field]);
          if (after && step) record?.(step, destructive(after));
          return after;
        }),
      );
    };
    const statusLabel = (after: PaperView) => (after.status === null ? 'Status cleared' : 'Status changed');
    return {
      toggleStar: () => {
        if (paper) void change(bridge.setStar({ id: paper.id, starred: !paper.starred }), 'starred', (after) => (after.starred ? 'Starred' : 'Unstarred'), (after) => !after.starred);
      },
      setStatus: (status) => {
        if (id) void change(bridge.setStatus({ id, status }), 'status', statusLabel, (after) => after.status === null);
      },
      cycleStatus: () => {
        if (paper) void change(bridge.setStatus({ id: paper.id, status: nextStatus(paper.status) }), 'status', statusLabel, (after) => after.status === null);
      },
      addTag: async (tag) => (id ? (await change(bridge.addTags({ id, tags: [tag] }), 'tags', () => `Tag “${tag}” added`, () => false)) !== null : false),
      removeTag: (tag) => {
        if (id) void change(bridge.removeTags({ id, tags: [tag] }), 'tags', () => `Tag “${tag}” removed`, () => true);
      },
      saveNote: (noteId, text) => {
        // What the core had before this save, as last shown: undo brings it back. The save itself
        // leaves at once (a page being closed gives no time for a round trip first).
        const was = notes.current.get(noteId);
        return sent(
          apply(bridge.setNote({ id: noteId, text })).then((after) => {
            if (!after) return false;
            notes.current.set(after.id, after.note ?? '');
            if (was !== undefined) {
              const cleared = (after.note ?? '') === '' && was !== '';
              record?.({ kind: 'note', label: cleared ? 'Note cleared' : 'Note edited', at: Date.now(), id: after.id, before: was, after: after.note ?? '' }, cleared);
            }
            return true;
          }),
        );
      },
      restoreNote: async (noteId, version) => (await apply(bridge.restoreNote({ id: noteId, version }))) !== null,
      openPaper: () => {
        if (!paper) return;
        const target = openTarget(paper);
        if (target.search) report?.(NO_LINK_NOTICE, 'info');
        void bridge.openExternal(target.url);
      },
      copyCitation: () => {
        if (!paper) return;
        const { format, custom } = loadCitationPrefs();
        void copyCitations([paper], format, custom).then((result) => report?.(result.message, result.ok ? 'info' : 'error'));
      },
      select,
      ...(search ? { search } : {}),
    };
  }, [bridge, paper, apply, select, report, search, record, track]);
}
