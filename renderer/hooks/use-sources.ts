/**
 * What the library follows online (Hugging Face Daily Papers, arXiv queries), refetched whenever the
 * core reports a change to the follows: from this window, another one, or a refresh recording its
 * progress. Following and unfollowing go to the core; the list shows the core's answer only.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';

export type FollowView = OperationOutput<'listFollows'>['follows'][number];

export function followLabel(follow: Pick<FollowView, 'kind' | 'query'>): string {
  return follow.kind === 'hf-daily' ? 'Hugging Face Daily Papers' : `arXiv "${follow.query ?? ''}"`;
}

export function useSources(bridge: PapershelfBridge) {
  const [follows, setFollows] = useState<FollowView[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revision, setRevision] = useState(0);

  useEffect(() => bridge.onChange((event) => event.kind === 'follows' && setRevision((value) => value + 1)), [bridge]);

  useEffect(() => {
    let live = true;
    void bridge.listFollows({}).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setFollows(answer.value.follows);
      setProblems(answer.value.problems);
    });
    return () => {
      live = false;
    };
  }, [bridge, revision]);

  /** Runs one change; true when the core accepted it. The list refreshes from the core's event. */
  const change = useCallback(async (send: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
    setBusy(true);
    setError(null);
    const answer = await send();
    setBusy(false);
    if (!answer.ok) setError(answer.error.message);
    // Another window may have followed it first; the answer is still worth showing at once.
    setRevision((value) => value + 1);
    return answer.ok;
  }, []);

  const followHf = useCallback(() => change(() => bridge.follow({ kind: 'hf-daily' })), [bridge, change]);
  const followArxiv = useCallback((query: string) => change(() => bridge.follow({ kind: 'arxiv', query })), [bridge, change]);
  const unfollow = useCallback((id: string) => change(() => bridge.unfollow({ id })), [bridge, change]);
  const clearError = useCallback(() => setError(null), []);
  const reload = useCallback(() => setRevision((value) => value + 1), []);

  return { follows, problems, error, busy, followHf, followArxiv, unfollow, clearError, reload };
}
