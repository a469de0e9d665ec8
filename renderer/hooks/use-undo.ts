/**
 * Undo and redo for the window: each change records a step (see renderer/state/undo-stack.ts), kept
 * in localStorage so a reload keeps it. Undo applies the step backwards only where the paper still
 * shows what the step left; otherwise nothing is written and the user is told. Steps run one at a
 * time and after the changes still being sent (a note's last save), so an undo never overtakes them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, PapershelfBridge } from '../api/types.ts';
import { applied, changesFor, dropped, nextStep, parseHistory, record, serialize, type UndoHistory, type UndoStep } from '../state/undo-stack.ts';

export const UNDO_STORAGE_KEY = 'papershelf.undo';
export const CHANGED_SINCE = "Can't undo: changed since";

export interface UndoToastState {
  id: number;
  label: string;
  /** The step it offers to undo (its time stamp). */
  at: number;
}

type Report = (message: string, tone?: 'error' | 'info') => void;
type Outcome = 'ok' | 'conflict' | ApiError;

function readStored(): UndoHistory {
  try {
    return parseHistory(window.localStorage.getItem(UNDO_STORAGE_KEY));
  } catch {
    // Storage refused (private mode, a sandbox without it): the history lives in memory only.
    return parseHistory(null);
  }
}

function store(history: UndoHistory): void {
  try {
    window.localStorage.setItem(UNDO_STORAGE_KEY, serialize(history));
  } catch {
    // Full or refused storage only costs undo across a reload.
  }
}

/** The core drops a note of only whitespace: such a note reads back as none. */
const noteText = (text: string | null) => (text === null || text.trim() === '' ? '' : text);

async function applyStep(bridge: PapershelfBridge, step: UndoStep, direction: 'undo' | 'redo'): Promise<Outcome> {
  if (step.kind === 'note') {
    const [to, from] = direction === 'undo' ? [step.before, step.after] : [step.after, step.before];
    const current = await bridge.getPaper({ id: step.id });
    if (!current.ok) return current.error;
    if (noteText(current.value.note) !== noteText(from)) return 'conflict';
    const answer = await bridge.setNote({ id: step.id, text: to });
    return answer.ok ? 'ok' : answer.error;
  }
  const changes = changesFor(step, direction).map(({ id, to, from }) => ({ id, ...to, expect: from }));
  const answer = await bridge.applyChanges({ changes });
  if (!answer.ok) return answer.error;
  return answer.value.conflicts.length > 0 ? 'conflict' : 'ok';
}

export function useUndo(bridge: PapershelfBridge, report: Report) {
  const [history, setHistory] = useState<UndoHistory>(readStored);
  const latest = useRef(history);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [toast, setToast] = useState<UndoToastState | null>(null);
  const toastSeq = useRef(0);

  const commit = useCallback((next: UndoHistory) => {
    latest.current = next;
    setHistory(next);
    store(next);
  }, []);

  // Another tab of the same window's origin recorded or undid something: follow it.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== UNDO_STORAGE_KEY) return;
      const next = parseHistory(event.newValue);
      latest.current = next;
      setHistory(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  /** `destructive`: the change removed something (unstar, a tag, a status, a note, bulk): offer Undo in a toast. */
  const push = useCallback(
    (step: UndoStep, destructive: boolean) => {
      commit(record(latest.current, step));
      if (destructive) {
        toastSeq.current += 1;
        setToast({ id: toastSeq.current, label: step.label, at: step.at });
      }
    },
    [commit],
  );

  /** A change being sent: undo and redo wait for it. */
  const track = useCallback(<T>(work: Promise<T>): Promise<T> => {
    queue.current = queue.current.then(
      () => work,
      () => work,
    );
    return work;
  }, []);

  const run = useCallback(
    /** `only`: the step the user means (a toast's); if a later change came first, nothing is undone. */
    (direction: 'undo' | 'redo', only?: UndoToastState): Promise<void> => {
      const work = queue.current.then(
        () => undefined,
        () => undefined,
      );
      const done = work.then(async () => {
        const step = nextStep(latest.current, direction);
        if (!step) return report(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', 'info');
        if (only && (step.at !== only.at || step.label !== only.label)) {
          setToast(null);
          return report(`“${only.label}” was followed by other changes: undo them first with Ctrl+Z.`);
        }
        const outcome = await applyStep(bridge, step, direction);
        if (outcome === 'ok') {
          commit(applied(latest.current, direction));
          setToast(null);
          report(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.label}`, 'info');
        } else if (outcome === 'conflict') {
          commit(dropped(latest.current, direction));
          report(direction === 'undo' ? CHANGED_SINCE : "Can't redo: changed since");
        } else {
          report(outcome.message);
        }
      });
      queue.current = done;
      return done;
    },
    [bridge, commit, report],
  );

  const undo = useCallback(() => run('undo'), [run]);
  const redo = useCallback(() => run('redo'), [run]);
  const undoToast = useCallback(() => (toast ? run('undo', toast) : Promise.resolve()), [run, toast]);
  const dismissToast = useCallback(() => setToast(null), []);

  return { history, push, track, undo, redo, toast, undoToast, dismissToast };
}

export type UndoControls = ReturnType<typeof useUndo>;
