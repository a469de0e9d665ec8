/**
 * Numbers a window's searches so the core can drop the ones a newer search has made pointless
 * (src/window-host/search-caller.ts): every page of one search shares a number, and a search that
 * asks for something else (another query, filter or order) gets the next one. Pure, so both window
 * bridges (HTTP and Electron's preload) use the same rule.
 */
export function createSearchSequencer(): (input: unknown) => number {
  let sequence = 0;
  let lastKey: string | null = null;
  return (input) => {
    const { offset: _offset, limit: _limit, ...asked } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const key = JSON.stringify(asked, Object.keys(asked).sort());
    if (key !== lastKey) {
      sequence += 1;
      lastKey = key;
    }
    return sequence;
  };
}
