/**
 * The detail pane with the actions and shortcuts the window gives it, over a bridge to the real core
 * (core-bridge.ts): what a test needs to click an author, copy a citation or press `r` and `o` on the
 * selected paper.
 */
import { useCallback, useEffect, useState } from 'react';
import { BridgeContext } from '../../renderer/api/bridge-context.ts';
import type { ApiResult, PapershelfBridge, PaperView } from '../../renderer/api/types.ts';
import { DetailPane } from '../../renderer/components/DetailPane.tsx';
import { useKeyboardShortcuts } from '../../renderer/hooks/use-keyboard-shortcuts.ts';
import { usePaperActions } from '../../renderer/hooks/use-paper-actions.ts';

export interface HarnessLog {
  searches: string[];
  notices: string[];
}

export function DetailHarness({ bridge, id, log }: { bridge: PapershelfBridge; id: string; log: HarnessLog }) {
  const [paper, setPaper] = useState<PaperView | null>(null);
  useEffect(() => {
    void bridge.getPaper({ id }).then((answer) => {
      if (answer.ok) setPaper(answer.value);
    });
  }, [bridge, id]);
  const apply = useCallback(async (request: Promise<ApiResult<PaperView>>) => {
    const answer = await request;
    if (!answer.ok) return null;
    setPaper(answer.value);
    return answer.value;
  }, []);
  const search = useCallback((query: string) => log.searches.push(query), [log]);
  const report = useCallback((message: string) => log.notices.push(message), [log]);
  const actions = usePaperActions(bridge, paper, apply, () => undefined, { search, report });
  const none = () => undefined;
  useKeyboardShortcuts(
    { focusSearch: none, move: none, focusTags: none, focusNote: none, showShortcuts: none, toggleStar: actions.toggleStar, cycleStatus: actions.cycleStatus, openPaper: actions.openPaper, copyCitation: actions.copyCitation },
    true,
  );
  return (
    <BridgeContext.Provider value={bridge}>
      <DetailPane paper={paper} matches={undefined} similar={[]} knownTags={[]} actions={actions} />
    </BridgeContext.Provider>
  );
}
