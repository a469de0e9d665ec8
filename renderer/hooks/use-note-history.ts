/**
 * A note's earlier versions as the core keeps them (newest first), loaded when the history opens
 * and again whenever the note itself changes, since each save may add a version.
 */
import { useEffect, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';

export type NoteVersion = OperationOutput<'noteHistory'>['versions'][number];

export type NoteHistoryState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; versions: NoteVersion[] };

export function useNoteHistory(bridge: PapershelfBridge, paperId: string, note: string | null): NoteHistoryState {
  // Until a newer answer arrives, the last one stays on screen rather than flashing "Loading".
  const [state, setState] = useState<NoteHistoryState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void bridge.noteHistory({ id: paperId }).then((answer) => {
      if (live) setState(answer.ok ? { kind: 'ready', versions: answer.value.versions } : { kind: 'failed', message: answer.error.message });
    });
    return () => {
      live = false;
    };
  }, [bridge, paperId, note]);

  return state;
}
