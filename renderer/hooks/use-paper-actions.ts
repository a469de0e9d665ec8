/** What the detail pane and the shortcuts can do to the selected paper; each goes to the core at once. */
import { useMemo } from 'react';
import type { ApiResult, PaperView, PapershelfBridge } from '../api/types.ts';
import type { DetailActions } from '../components/DetailPane.tsx';

type Apply = (request: Promise<ApiResult<PaperView>>) => Promise<PaperView | null>;

export function usePaperActions(bridge: PapershelfBridge, paper: PaperView | null, apply: Apply, select: (id: string) => void): DetailActions {
  return useMemo(() => {
    const id = paper?.id;
    return {
      toggleStar: () => {
        if (paper) void apply(bridge.setStar({ id: paper.id, starred: !paper.starred }));
      },
      setStatus: (status) => {
        if (id) void apply(bridge.setStatus({ id, status }));
      },
      addTag: async (tag) => (id ? (await apply(bridge.addTags({ id, tags: [tag] }))) !== null : false),
      removeTag: (tag) => {
        if (id) void apply(bridge.removeTags({ id, tags: [tag] }));
      },
      saveNote: async (noteId, text) => (await apply(bridge.setNote({ id: noteId, text }))) !== null,
      select,
    };
  }, [bridge, paper, apply, select]);
}
