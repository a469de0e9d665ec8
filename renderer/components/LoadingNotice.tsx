/** Says that older papers are still being loaded, so a short result list is not mistaken for all. */
import type { Stats } from '../api/types.ts';

export function LoadingNotice({ loading }: { loading: Stats['loading'] }) {
  if (!loading) return null;
  const percent = loading.papers > 0 ? Math.round((loading.papersLoaded / loading.papers) * 100) : 0;
  return (
    <p className="loading-notice" role="status" aria-label="Library loading">
      Loading library: {loading.papersLoaded.toLocaleString()} of {loading.papers.toLocaleString()} papers ({percent}%). Results so far
      cover the newest papers.
    </p>
  );
}
