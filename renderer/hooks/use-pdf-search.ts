/**
 * "Search inside PDFs": while it is on, the list's searches ask the core to search the kept PDFs'
 * text too (`fulltext: true`), and results found there carry the page and a snippet. The choice is
 * remembered in this window's storage; off by default, so ordinary results stay focused.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PapershelfBridge } from '../api/types.ts';

const STORAGE_KEY = 'papershelf.search.fulltext';

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** The bridge with `search` asking for full text; every other call goes to `bridge` itself. */
export function withFulltextSearch(bridge: PapershelfBridge): PapershelfBridge {
  const search: PapershelfBridge['search'] = (input) => bridge.search({ ...input, fulltext: true });
  return Object.assign(Object.create(bridge) as PapershelfBridge, { search });
}

export function usePdfSearch(bridge: PapershelfBridge) {
  const [on, setOnState] = useState(stored);
  const setOn = useCallback((value: boolean) => {
    setOnState(value);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, value ? 'on' : 'off');
    } catch {
      // Storage disabled: the choice lasts as long as the window.
    }
  }, []);
  const listBridge = useMemo(() => (on ? withFulltextSearch(bridge) : bridge), [bridge, on]);
  return { on, setOn, listBridge };
}
