/**
 * The fetch job the window shows: the refresh this window started, or one already running when the
 * window opened (a reload, a second window), followed through the core's `fetch` events until it
 * finishes and the user dismisses its summary.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';

export type FetchJob = OperationOutput<'refresh'>['job'];

/**
 * Events about one job arrive in order, so the latest replaces what is shown. Another job takes the
 * place of a finished one, but never of one still running: its summary would flash away unseen.
 */
function adopt(current: FetchJob | null, next: FetchJob): FetchJob | null {
  if (current === null || current.id === next.id || current.finished) return next;
  return current;
}

/**
 * How often a running job is also asked for: in browser mode events sent while the event stream was
 * reconnecting are lost, and a job that never hears its last event would show "running" forever.
 */
export const FETCH_POLL_MS = 2000;

/** The more advanced of two views of one job (a poll's answer may be older than the last event). */
function later(current: FetchJob, polled: FetchJob): FetchJob {
  if (polled.finished !== current.finished) return polled.finished ? polled : current;
  return polled.done > current.done ? polled : current;
}

export function useFetchJob(bridge: PapershelfBridge, pollMs = FETCH_POLL_MS) {
  const [job, setJob] = useState<FetchJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const dismissed = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    const unsubscribe = bridge.onChange((event) => {
      if (event.kind !== 'fetch' || !event.job || dismissed.current.has(event.job.id)) return;
      const next = event.job;
      setJob((current) => adopt(current, next));
    });
    void bridge.listFetchJobs({}).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      const running = answer.value.jobs.filter((candidate) => !candidate.finished);
      const shown = running.find((candidate) => candidate.kind === 'refresh') ?? running[0];
      // An event may have arrived first: it is newer than this list.
      if (shown) setJob((current) => current ?? shown);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge]);

  const runningId = job && !job.finished ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let live = true;
    const timer = setInterval(() => {
      void bridge.listFetchJobs({}).then((answer) => {
        if (!live || !answer.ok) return;
        const polled = answer.value.jobs.find((candidate) => candidate.id === runningId);
        if (polled) return setJob((current) => (current?.id === runningId ? later(current, polled) : current));
        // The core no longer knows it (restarted): what it had imported stays, and a refresh resumes.
        setJob((current) => (current?.id === runningId ? null : current));
        setError('Lost track of the fetch (Papershelf may have restarted). What it imported is kept; refresh again to continue.');
      });
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, runningId, pollMs]);

  const refresh = useCallback(async () => {
    setError(null);
    const answer = await bridge.refresh({});
    if (!answer.ok) return setError(answer.error.message);
    const started = answer.value.job;
    dismissed.current.delete(started.id);
    // The answer left the core when the job started; events since then are newer.
    setJob((current) => (current?.id === started.id ? current : started));
  }, [bridge]);

  const cancel = useCallback(async () => {
    if (!job || job.finished) return;
    setCancelling(job.id);
    setError(null);
    const answer = await bridge.cancelFetch({ job: job.id });
    if (!answer.ok) {
      setCancelling(null);
      setError(answer.error.message);
    }
  }, [bridge, job]);

  const dismiss = useCallback(() => {
    if (job) dismissed.current.add(job.id);
    setJob(null);
  }, [job]);

  const clearError = useCallback(() => setError(null), []);

  return { job, error, cancelling: job !== null && cancelling === job.id && !job.finished, refresh, cancel, dismiss, clearError };
}
