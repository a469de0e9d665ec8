/** Library counts and tags for the sidebar, refetched after every change. */
import { useEffect, useState } from 'react';
import type { PapershelfBridge, Stats, TagCount } from '../api/types.ts';

export function useLibraryOverview(bridge: PapershelfBridge, revision: number, report: (message: string) => void) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all([bridge.stats({}), bridge.listTags({})]).then(([statsAnswer, tagsAnswer]) => {
      if (!live) return;
      if (statsAnswer.ok) setStats(statsAnswer.value);
      else report(statsAnswer.error.message);
      if (tagsAnswer.ok) setTags(tagsAnswer.value.tags);
    });
    return () => {
      live = false;
    };
  }, [bridge, revision, report]);
  return { stats, tags };
}
