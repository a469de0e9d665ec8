import type { FetchJob } from '../hooks/use-fetch-job.ts';
import { countLabel } from '../lib/format.ts';

interface FetchProgressProps {
  job: FetchJob;
  cancelling: boolean;
  onCancel: () => void;
  onDismiss: () => void;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function countsLine(job: FetchJob): string {
  const counts = `${job.added.toLocaleString()} added, ${job.updated.toLocaleString()} updated, ${job.unchanged.toLocaleString()} unchanged`;
  return job.skipped > 0 ? `${counts}, ${job.skipped.toLocaleString()} skipped` : counts;
}

/** How a finished job went: its counts, or the core's message when it failed or was cancelled. */
function Summary({ job, onDismiss }: Pick<FetchProgressProps, 'job' | 'onDismiss'>) {
  const failed = job.state === 'failed';
  return (
    <div className={failed ? 'fetch-summary fetch-failed' : 'fetch-summary'}>
      <p className="fetch-title">
        {capitalized(job.label)}: {job.state === 'done' ? 'finished' : job.state}
      </p>
      {job.error && (
        <p role={failed ? 'alert' : 'status'} className={failed ? 'error' : undefined}>
          {job.error.message}
        </p>
      )}
      {(job.state === 'done' || job.done > 0) && <p role="status">{countsLine(job)}</p>}
      {job.warnings.length > 0 && (
        <details>
          <summary>{countLabel(job.warnings.length, 'warning')}</summary>
          <ul className="warnings">
            {job.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className="link-button" aria-label="Dismiss fetch summary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** A running fetch: how far it got out of what it expects so far (the total grows as pages arrive). */
export function FetchProgress({ job, cancelling, onCancel, onDismiss }: FetchProgressProps) {
  if (job.finished) return <Summary job={job} onDismiss={onDismiss} />;
  const known = job.total > 0;
  const percent = known ? Math.min(100, (job.done / job.total) * 100) : 0;
  return (
    <div className="fetch-progress">
      <p className="fetch-title">{capitalized(job.label)}</p>
      <div
        role="progressbar"
        aria-label="Fetch progress"
        aria-valuemin={0}
        aria-valuemax={known ? job.total : undefined}
        aria-valuenow={known ? job.done : undefined}
        aria-valuetext={known ? `${job.done} of ${job.total}` : 'starting'}
        className={known ? 'fetch-bar' : 'fetch-bar fetch-bar-unknown'}
      >
        <div className="fetch-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="fetch-message muted" aria-live="polite">
        {job.message}
      </p>
      <p className="fetch-counts muted">
        {known ? `${job.done} of ${countLabel(job.total, 'batch', 'batches')}` : 'Starting…'} · {countsLine(job)}
      </p>
      <button type="button" aria-label="Cancel fetch" disabled={cancelling} onClick={onCancel}>
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
