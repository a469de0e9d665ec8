/**
 * Says, above the list, that the answer covered only part of the library (the core answers from the
 * newest segments while it still loads the older ones), so a short result list is not taken for all.
 */
import type { PartialAnswer } from '../state/paged-list.ts';

export function PartialNotice({ partial, searching }: { partial: PartialAnswer | null; searching: boolean }) {
  if (!partial) return null;
  const parts = `${partial.loaded.toLocaleString()} of ${partial.total.toLocaleString()} parts of the library`;
  return (
    <p className="loading-notice partial-notice" role="status" aria-label="Partial results">
      {searching ? `Searching ${parts} — results may be incomplete` : `Listing ${parts} — the list may be incomplete`}
    </p>
  );
}
