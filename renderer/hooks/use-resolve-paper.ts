/** "Resolve" in the detail pane: asks the core to find one paper on arXiv by its title, and says how it went. */
import { useCallback, useState } from 'react';
import type { PapershelfBridge } from '../api/types.ts';
import type { EnrichReport } from './use-enrich-status.ts';

export type ResolveState = { kind: 'idle' } | { kind: 'resolving' } | { kind: 'done'; text: string; error: boolean };

function outcomeText(report: EnrichReport): { text: string; error: boolean } {
  const [resolved] = report.resolved;
  if (resolved) return { text: `Found on arXiv as ${resolved.to}.`, error: false };
  const [ambiguous] = report.ambiguous;
  if (ambiguous) return { text: `Several arXiv papers have this title (${ambiguous.candidates.join(', ')}); it was left as it is.`, error: true };
  const [unresolved] = report.unresolved;
  if (unresolved) return { text: `Not resolved: ${unresolved.reason}.`, error: true };
  return { text: report.warnings[0] ?? 'Nothing to resolve.', error: false };
}

/** `onMoved`: the paper now lives under its arXiv id; the window follows it there. */
export function useResolvePaper(bridge: PapershelfBridge, onMoved?: (id: string) => void) {
  const [state, setState] = useState<ResolveState>({ kind: 'idle' });
  const resolve = useCallback(
    async (id: string) => {
      setState({ kind: 'resolving' });
      const answer = await bridge.enrichPapers({ ids: [id] });
      setState(answer.ok ? { kind: 'done', ...outcomeText(answer.value) } : { kind: 'done', text: answer.error.message, error: true });
      const moved = answer.ok ? answer.value.resolved[0]?.to : undefined;
      if (moved !== undefined) onMoved?.(moved);
    },
    [bridge, onMoved],
  );
  return { state, resolve };
}
