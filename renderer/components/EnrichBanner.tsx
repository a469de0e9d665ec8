/**
 * "Resolving N papers…" while the core asks arXiv for the titles of papers a listing page gave
 * without an arXiv id, and "Resolve now" when some were never asked about (automatic resolving off,
 * or an import made offline). What a run found stays shown until dismissed.
 */
import type { PapershelfBridge } from '../api/types.ts';
import { useEnrichStatus } from '../hooks/use-enrich-status.ts';

export function EnrichBanner({ bridge }: { bridge: PapershelfBridge }) {
  const { status, resolving, outcome, resolveNow, setAuto, dismiss } = useEnrichStatus(bridge);
  const running = status?.running ?? null;
  if (running || resolving) {
    const papers = running?.papers ?? status?.due ?? 0;
    return (
      <div className="loading-notice enrich-banner" role="status" aria-label="Resolving papers">
        Resolving {papers > 0 ? `${papers} ${papers === 1 ? 'paper' : 'papers'}` : 'papers'} on arXiv…{' '}
        {running && running.of > 0 ? (
          <progress value={running.done} max={running.of} aria-label="Requests answered">
            {running.done} of {running.of}
          </progress>
        ) : null}
      </div>
    );
  }
  if (outcome) {
    return (
      <div className={`loading-notice enrich-banner${outcome.error ? ' notice-error' : ''}`} role="status" aria-label="Resolving papers">
        {outcome.text}{' '}
        <button type="button" className="link-button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!status || status.due === 0) return null;
  return (
    <div className="loading-notice enrich-banner" role="status" aria-label="Resolving papers">
      {status.due} {status.due === 1 ? 'paper is' : 'papers are'} not yet found on arXiv.{' '}
      <button type="button" onClick={() => void resolveNow()}>
        Resolve now
      </button>{' '}
      <label>
        <input
          type="checkbox"
          checked={status.auto}
          aria-label="Resolve imported papers automatically"
          onChange={(event) => void setAuto(event.target.checked)}
        />{' '}
        Automatically
      </label>
    </div>
  );
}
