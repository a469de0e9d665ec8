/**
 * Papers a listing page gave without an arXiv id, as the core counts them, and the resolving run in
 * progress (started by an import, a refresh, another window or "Resolve now"). Asked again after
 * every change of the library and, while a run goes on, every second: a run reports its progress
 * through this answer rather than through events, so a window opened mid-run shows it too.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';

export type EnrichStatus = OperationOutput<'enrichStatus'>;
export type EnrichReport = OperationOutput<'enrichPapers'>;

export const ENRICH_POLL_MS = 1000;

/** "Resolved 12 of 47 papers; 35 are not on arXiv under their titles." */
export function reportText(report: EnrichReport): string {
  const asked = report.resolved.length + report.unresolved.length + report.ambiguous.length;
  const parts = [`Resolved ${report.resolved.length} of ${asked} ${asked === 1 ? 'paper' : 'papers'}`];
  if (report.unresolved.length > 0) parts.push(`${report.unresolved.length} not found on arXiv by title`);
  if (report.ambiguous.length > 0) parts.push(`${report.ambiguous.length} matching several arXiv papers, left as they are`);
  return `${parts.join('; ')}.`;
}

export function useEnrichStatus(bridge: PapershelfBridge, pollMs = ENRICH_POLL_MS) {
  const [status, setStatus] = useState<EnrichStatus | null>(null);
  const [resolving, setResolving] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [asked, setAsked] = useState(0);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void bridge.enrichStatus({}).then((answer) => {
      if (live && answer.ok) setStatus(answer.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, asked]);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const unsubscribe = bridge.onChange((event) => {
      if (event.kind !== 'papers') return;
      refresh();
      // An import's papers arrive just before the run that resolves them starts: ask again then.
      const timer = setTimeout(() => {
        timers.delete(timer);
        refresh();
      }, pollMs);
      timers.add(timer);
    });
    return () => {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [bridge, refresh, pollMs]);

  const running = status?.running ?? null;
  useEffect(() => {
    if (running === null && !resolving) return;
    const timer = setInterval(refresh, pollMs);
    return () => clearInterval(timer);
  }, [running, resolving, pollMs, refresh]);

  const resolveNow = useCallback(async () => {
    setResolving(true);
    setOutcome(null);
    refresh();
    const answer = await bridge.enrichPapers({});
    setResolving(false);
    setOutcome(answer.ok ? { text: reportText(answer.value), error: false } : { text: answer.error.message, error: true });
    refresh();
  }, [bridge, refresh]);

  /** Whether imports and refreshes resolve new papers on their own (enrichment.json, shared with the CLI). */
  const setAuto = useCallback(
    async (auto: boolean) => {
      const answer = await bridge.enrichStatus({ auto });
      if (answer.ok) setStatus(answer.value);
    },
    [bridge],
  );

  return { status, resolving, outcome, resolveNow, setAuto, dismiss: () => setOutcome(null) };
}
