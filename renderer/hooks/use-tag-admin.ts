/**
 * Renaming and deleting a tag from the sidebar, undoably: the tags of every paper carrying it are
 * read before and after, so undo puts back exactly what each paper had (also when the rename
 * merged into a tag the paper already had, which a reverse rename could not tell apart).
 */
import { useCallback } from 'react';
import type { PapershelfBridge, View } from '../api/types.ts';
import type { UndoStep } from '../state/undo-stack.ts';

const MAX_PAPERS = 100_000;

interface TagAdminOptions {
  bridge: PapershelfBridge;
  view: View;
  setView: (view: View) => void;
  report: (message: string) => void;
  record: (step: UndoStep, destructive: boolean) => void;
  track: <T>(work: Promise<T>) => Promise<T>;
}

const sameTagName = (a: string | null, b: string) => a !== null && a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export function useTagAdmin({ bridge, view, setView, report, record, track }: TagAdminOptions) {
  const tagsOf = useCallback(
    async (filter: { tag: string } | { ids: string[] }): Promise<Map<string, string[]> | null> => {
      const answer = await bridge.listPapers({ ...filter, limit: MAX_PAPERS });
      if (!answer.ok) return null;
      return new Map(answer.value.results.map((paper) => [paper.id, paper.tags]));
    },
    [bridge],
  );

  /** Runs the change; records its step from the papers' tags before and after. */
  const retag = useCallback(
    (tag: string, label: string, change: () => Promise<{ ok: boolean; message?: string }>) =>
      track(
        (async () => {
          const before = await tagsOf({ tag });
          const outcome = await change();
          if (!outcome.ok) {
            report(outcome.message ?? 'The tag could not be changed.');
            return false;
          }
          const after = before && (await tagsOf({ ids: [...before.keys()] }));
          if (before && after) {
            const changes = [...before].map(([id, tags]) => ({ id, before: { tags }, after: { tags: after.get(id) ?? [] } }));
            record({ kind: 'annotations', label, at: Date.now(), changes }, true);
          }
          return true;
        })(),
      ),
    [tagsOf, track, report, record],
  );

  const renameTag = useCallback(
    async (from: string, to: string) => {
      const done = await retag(from, `Tag “${from}” renamed to “${to}”`, async () => {
        const answer = await bridge.renameTag({ from, to });
        return answer.ok ? { ok: true } : { ok: false, message: answer.error.message };
      });
      if (done && view.kind === 'tag' && sameTagName(view.value, from)) setView({ kind: 'tag', value: to });
      return done;
    },
    [bridge, retag, view, setView],
  );

  const deleteTag = useCallback(
    async (tag: string) => {
      const done = await retag(tag, `Tag “${tag}” deleted`, async () => {
        const answer = await bridge.deleteTag({ tag });
        return answer.ok ? { ok: true } : { ok: false, message: answer.error.message };
      });
      if (done && view.kind === 'tag' && sameTagName(view.value, tag)) setView({ kind: 'all', value: null });
      return done;
    },
    [bridge, retag, view, setView],
  );

  return { renameTag, deleteTag };
}
