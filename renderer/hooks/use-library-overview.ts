/**
 * Library counts and tags for the sidebar, refetched after every change — and every half second while
 * the core is still loading older segments, so the window can say how far it got.
 */
import { useEffect, useState } from 'react';
import type { PapershelfBridge, Stats, TagCount } from '../api/types.ts';

export const LOADING_POLL_MS = 500;

export function useLibraryOverview(bridge: PapershelfBridge, revision: number, report: (message: string) => void) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    let poll: ReturnType<typeof setTimeout> | undefined;
    void Promise.all([bridge.stats({}), bridge.listTags({})]).then(([statsAnswer, tagsAnswer]) => {
      if (!live) return;
      if (statsAnswer.ok) {
        setStats(statsAnswer.value);
        if (statsAnswer.value.loading) poll = setTimeout(() => setTick((t) => t + 1), LOADING_POLL_MS);
      } else report(statsAnswer.error.message);
      if (tagsAnswer.ok) setTags(tagsAnswer.value.tags);
    });
    return () => {
      live = false;
      clearTimeout(poll);
    };
  }, [bridge, revision, report, tick]);
  return { stats, tags };
}
