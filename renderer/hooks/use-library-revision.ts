/**
 * A number that grows whenever the core reports a change (from this window, another window, another
 * tab or the CLI). Views refetch what they show when it changes. Bursts (an import, a tag rename
 * touching many papers) are coalesced into one refetch.
 */
import { useEffect, useState } from 'react';
import type { ChangeEvent, PapershelfBridge } from '../api/types.ts';

/**
 * Kinds that change what the window shows. Fetch progress and follow edits do not: papers a fetch
 * brings in arrive as their own `papers` events.
 */
const SHOWN: ReadonlySet<ChangeEvent['kind']> = new Set(['papers', 'annotations', 'tags']);

export function useLibraryRevision(bridge: PapershelfBridge, coalesceMs = 80): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = bridge.onChange((event) => {
      if (!SHOWN.has(event.kind) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        setRevision((value) => value + 1);
      }, coalesceMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [bridge, coalesceMs]);
  return revision;
}
