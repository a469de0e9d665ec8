/**
 * The selected paper as the core sees it. Every change is sent to the core and the pane re-renders
 * from its answer (the returned PaperView), which is also patched into the list rows.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiResult, PaperView, PapershelfBridge, SearchResult } from '../api/types.ts';

const SIMILAR_LIMIT = 8;

export function usePaperDetail(
  bridge: PapershelfBridge,
  id: string | null,
  revision: number,
  onAnswer: (paper: PaperView) => void,
  report: (message: string) => void,
) {
  const [paper, setPaper] = useState<PaperView | null>(null);
  // Kept with the id they belong to: what another paper left behind is never shown.
  const [similar, setSimilar] = useState<{ id: string; results: SearchResult[] } | null>(null);
  const currentId = useRef(id);
  useLayoutEffect(() => {
    currentId.current = id;
  });

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void bridge.getPaper({ id }).then((answer) => {
      if (!live) return;
      if (answer.ok) setPaper(answer.value);
      else {
        setPaper(null);
        if (answer.error.code !== 'not-found') report(answer.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [bridge, id, revision, report]);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void bridge.similarPapers({ id, limit: SIMILAR_LIMIT }).then((answer) => {
      if (live && answer.ok) setSimilar({ id, results: answer.value.results });
    });
    return () => {
      live = false;
    };
  }, [bridge, id]);

  const apply = useCallback(
    async (request: Promise<ApiResult<PaperView>>): Promise<PaperView | null> => {
      const answer = await request;
      if (!answer.ok) {
        report(answer.error.message);
        return null;
      }
      if (answer.value.id === currentId.current) setPaper(answer.value);
      onAnswer(answer.value);
      return answer.value;
    },
    [onAnswer, report],
  );

  return { paper: paper !== null && paper.id === id ? paper : null, similar: similar?.id === id ? similar.results : [], apply };
}
