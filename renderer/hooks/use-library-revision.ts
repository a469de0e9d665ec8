/**
 * A number that grows whenever the core reports a change (from this window, another window, another
 * tab or the CLI). Views refetch what they show when it changes. Bursts (an import, a tag rename
 * touching many papers) are coalesced into one refetch.
 */
import { useEffect, useState } from 'react';
import type { PapershelfBridge } from '../api/types.ts';

export function useLibraryRevision(bridge: PapershelfBridge, coalesceMs = 80): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = bridge.onChange(() => {
      if (timer !== undefined) return;
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
