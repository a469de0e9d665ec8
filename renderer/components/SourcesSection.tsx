import { useEffect, useId, useState, type ReactNode } from 'react';
import { useBridge } from '../api/bridge-context.ts';
import { useFetchJob } from '../hooks/use-fetch-job.ts';
import { useSources } from '../hooks/use-sources.ts';
import { FetchProgress } from './FetchProgress.tsx';
import { SourcesFollowForm } from './SourcesFollowForm.tsx';
import { SourcesFollowList } from './SourcesFollowList.tsx';

function InlineError({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <p className="sources-error error" role="alert">
      <span>{message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}

/**
 * The sidebar's Sources: where the library's papers came from (`children`, the filters), what it
 * follows online, and the refresh that fetches everything followed, with its progress.
 */
export function SourcesSection({ children }: { children?: ReactNode }) {
  const bridge = useBridge();
  const sources = useSources(bridge);
  const fetching = useFetchJob(bridge);
  const headingId = useId();
  const follows = sources.follows ?? [];
  const refreshing = fetching.job !== null && !fetching.job.finished && fetching.job.kind === 'refresh';
  const finishedId = fetching.job?.finished ? fetching.job.id : null;
  const { reload, clearError } = sources;
  const [formOpen, setFormOpen] = useState(false);
  const openForm = () => {
    clearError();
    setFormOpen(true);
  };
  const closeForm = () => {
    clearError();
    setFormOpen(false);
  };
  // A finished refresh changed every follow's last fetch; read them again even if a `follows` event was lost.
  useEffect(() => {
    if (finishedId !== null) reload();
  }, [finishedId, reload]);

  return (
    <section className="sources" aria-labelledby={headingId}>
      <h2 className="nav-heading" id={headingId}>
        Sources
      </h2>
      {children}
      <h3 className="nav-subheading">Following</h3>
      {sources.follows !== null && <SourcesFollowList follows={follows} busy={sources.busy} onUnfollow={(id) => void sources.unfollow(id)} />}
      {sources.problems.map((problem) => (
        <p key={problem} className="follow-detail muted" role="status">
          {problem}
        </p>
      ))}
      <button type="button" className="follow-open" onClick={openForm}>
        Follow a source…
      </button>
      {formOpen && (
        <SourcesFollowForm
          followingHf={follows.some((follow) => follow.kind === 'hf-daily')}
          busy={sources.busy}
          error={sources.error}
          onFollowHf={sources.followHf}
          onFollowArxiv={sources.followArxiv}
          onClose={closeForm}
        />
      )}
      {sources.error && !formOpen && <InlineError message={sources.error} onDismiss={sources.clearError} />}
      <button
        type="button"
        className="refresh-button"
        aria-label="Refresh sources"
        disabled={refreshing || follows.length === 0}
        title={follows.length === 0 ? 'Follow a source first' : 'Fetch everything followed since its last fetch'}
        onClick={() => void fetching.refresh()}
      >
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
      {fetching.error && <InlineError message={fetching.error} onDismiss={fetching.clearError} />}
      {fetching.job && <FetchProgress job={fetching.job} cancelling={fetching.cancelling} onCancel={() => void fetching.cancel()} onDismiss={fetching.dismiss} />}
    </section>
  );
}
