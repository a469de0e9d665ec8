import { followLabel, type FollowView } from '../hooks/use-sources.ts';

interface SourcesFollowListProps {
  follows: FollowView[];
  busy: boolean;
  onUnfollow: (id: string) => void;
}

function fetchedWhen(iso: string | null): string {
  if (!iso) return 'Not fetched yet';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `Fetched ${iso}`;
  return `Fetched ${date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}

/** Each follow with when it was last fetched, its last failure, and where its next refresh starts. */
export function SourcesFollowList({ follows, busy, onUnfollow }: SourcesFollowListProps) {
  if (follows.length === 0) return <p className="nav-empty muted">Nothing followed yet.</p>;
  return (
    <ul className="follow-list" aria-label="Following">
      {follows.map((follow) => {
        const label = followLabel(follow);
        return (
          <li key={follow.id} className="follow-item">
            <div className="follow-head">
              <span className="follow-label" title={label}>
                {label}
              </span>
              <button type="button" className="icon-button" aria-label={`Unfollow ${label}`} disabled={busy} onClick={() => onUnfollow(follow.id)}>
                ×
              </button>
            </div>
            <p className="follow-detail muted">{fetchedWhen(follow.lastFetchAt)}</p>
            {follow.lastError && <p className="follow-detail error">{follow.lastError}</p>}
            <p className="follow-detail muted">{follow.progress}</p>
          </li>
        );
      })}
    </ul>
  );
}
