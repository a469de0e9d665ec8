/** What the detail pane and the shortcuts can do to the selected paper; each goes to the core at once. */
import { useMemo } from 'react';
import type { ApiResult, PaperView, PapershelfBridge } from '../api/types.ts';
import type { DetailActions } from '../components/DetailPane.tsx';
import { loadCitationPrefs } from '../lib/citation-prefs.ts';
import { copyCitations } from '../lib/citations.ts';
import { nextStatus } from '../lib/format.ts';
import { openTarget } from '../lib/paper-links.ts';

type Apply = (request: Promise<ApiResult<PaperView>>) => Promise<PaperView | null>;

export interface PaperActionOptions {
  /** Shows a message to the user (the window's notices). */
  report?: (message: string, tone?: 'error' | 'info') => void;
  /** Runs a query in the search box: authors and organisations are links to their papers. */
  search?: (query: string) => void;
}

export const NO_LINK_NOTICE = 'This paper has no link of its own: searching Hugging Face Papers for its title.';

export function usePaperActions(
  bridge: PapershelfBridge,
  paper: PaperView | null,
  apply: Apply,
  select: (id: string) => void,
  { report, search }: PaperActionOptions = {},
): DetailActions {
  return useMemo(() => {
    const id = paper?.id;
    return {
      toggleStar: () => {
        if (paper) void apply(bridge.setStar({ id: paper.id, starred: !paper.starred }));
      },
      setStatus: (status) => {
        if (id) void apply(bridge.setStatus({ id, status }));
      },
      cycleStatus: () => {
        if (paper) void apply(bridge.setStatus({ id: paper.id, status: nextStatus(paper.status) }));
      },
      addTag: async (tag) => (id ? (await apply(bridge.addTags({ id, tags: [tag] }))) !== null : false),
      removeTag: (tag) => {
        if (id) void apply(bridge.removeTags({ id, tags: [tag] }));
      },
      saveNote: async (noteId, text) => (await apply(bridge.setNote({ id: noteId, text }))) !== null,
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
  }, [bridge, paper, apply, select, report, search]);
}
