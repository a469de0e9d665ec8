/**
 * The number on "For you": recommended papers the latest refresh or import added (the core's
 * `newSinceRefresh`), shown until the user opens For you. What was seen is remembered by the size of
 * the library at that moment (kept in localStorage, so a reload does not bring the badge back): a
 * refresh that adds papers changes it, which brings the badge back with the new count.
 */
import { useEffect, useState } from 'react';
import type { PapershelfBridge } from '../api/types.ts';

export const SEEN_STORAGE_KEY = 'papershelf.forYou.seen';

function readSeen(): number | null {
  try {
    const value = Number(window.localStorage.getItem(SEEN_STORAGE_KEY));
    return window.localStorage.getItem(SEEN_STORAGE_KEY) !== null && Number.isInteger(value) ? value : null;
  } catch {
    // Storage refused: the badge is remembered for this page only.
    return null;
  }
}

function storeSeen(papers: number): void {
  try {
    window.localStorage.setItem(SEEN_STORAGE_KEY, String(papers));
  } catch {
    // Storage refused: only costs the badge's memory across a reload.
  }
}

export function useForYouBadge(bridge: PapershelfBridge, papers: number | null, open: boolean): number {
  const [fresh, setFresh] = useState(0);
  const [seen, setSeen] = useState(readSeen);

  useEffect(() => {
    if (papers === null) return;
    let live = true;
    void bridge.recommend({ limit: 1 }).then((answer) => {
      if (live && answer.ok) setFresh(answer.value.newSinceRefresh);
    });
    return () => {
      live = false;
    };
  }, [bridge, papers]);

  // Seen while open: adjusted during render (React's pattern for state that follows props), stored after.
  if (open && papers !== null && seen !== papers) setSeen(papers);
  useEffect(() => {
    if (open && papers !== null) storeSeen(papers);
  }, [open, papers]);

  return open || papers === null || papers === seen ? 0 : fresh;
}
