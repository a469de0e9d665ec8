/**
 * The window's undo and redo history, as plain data: each step says what it changed, before and
 * after, so undoing is applying `before` on condition that the paper still shows `after` (and redo
 * the reverse). It is kept in localStorage to survive a reload; what is read back there is
 * untrusted (another version, a hand edit) and is checked field by field, a bad step dropped.
 */
import type { ReadingStatus } from '../api/types.ts';
import { STATUS_LABELS } from '../lib/format.ts';

/** The parts of a paper's annotation a step touched; absent fields were not touched. */
export interface AnnotationFields {
  starred?: boolean;
  status?: ReadingStatus | null;
  tags?: string[];
}

export interface PaperChange {
  id: string;
  before: AnnotationFields;
  after: AnnotationFields;
}

export type UndoStep =
  | { kind: 'annotations'; label: string; at: number; changes: PaperChange[] }
  | { kind: 'note'; label: string; at: number; id: string; before: string; after: string };

export interface UndoHistory {
  undo: UndoStep[];
  redo: UndoStep[];
}

export const EMPTY_HISTORY: UndoHistory = { undo: [], redo: [] };
export const HISTORY_LIMIT = 50;
/** Saves of one note this close together are one edit to undo. */
export const NOTE_MERGE_MS = 60_000;
export const MAX_CHANGES = 10_000;
const MAX_NOTE_CHARS = 1024 * 1024;
/** localStorage holds ~5 MB per origin; the history keeps well under it. */
export const MAX_STORED_CHARS = 2_000_000;

/** A new step: it goes on top, and what could be redone is gone. Consecutive saves of a note merge. */
export function record(history: UndoHistory, step: UndoStep, limit = HISTORY_LIMIT): UndoHistory {
  const top = history.undo[history.undo.length - 1];
  if (step.kind === 'note' && top?.kind === 'note' && top.id === step.id && step.at - top.at <= NOTE_MERGE_MS) {
    if (top.before === step.after) return { undo: history.undo.slice(0, -1), redo: [] };
    return { undo: [...history.undo.slice(0, -1), { ...step, before: top.before }], redo: [] };
  }
  if (step.kind === 'note' && step.before === step.after) return history;
  if (step.kind === 'annotations' && step.changes.length === 0) return history;
  return { undo: [...history.undo, step].slice(-limit), redo: [] };
}

/** The step a Ctrl+Z (or Shift+Ctrl+Z with `redo`) would apply now. */
export function nextStep(history: UndoHistory, direction: 'undo' | 'redo'): UndoStep | undefined {
  const stack = history[direction];
  return stack[stack.length - 1];
}

/** After the top step was applied in `direction`, it moves to the other stack. */
export function applied(history: UndoHistory, direction: 'undo' | 'redo'): UndoHistory {
  const step = nextStep(history, direction);
  if (!step) return history;
  return direction === 'undo'
    ? { undo: history.undo.slice(0, -1), redo: [...history.redo, step] }
    : { undo: [...history.undo, step], redo: history.redo.slice(0, -1) };
}

/** A step that can no longer be applied (its paper changed since) is dropped, so the next one can be. */
export function dropped(history: UndoHistory, direction: 'undo' | 'redo'): UndoHistory {
  return direction === 'undo' ? { ...history, undo: history.undo.slice(0, -1) } : { ...history, redo: history.redo.slice(0, -1) };
}

/** What applying the step in `direction` writes (`to`) and what the paper must still show (`from`). */
export function changesFor(step: Extract<UndoStep, { kind: 'annotations' }>, direction: 'undo' | 'redo') {
  return step.changes.map((change) =>
    direction === 'undo' ? { id: change.id, to: change.before, from: change.after } : { id: change.id, to: change.after, from: change.before },
  );
}

/** The history as stored; the oldest steps go first when it would be too big. */
export function serialize(history: UndoHistory, maxChars = MAX_STORED_CHARS): string {
  let kept = history;
  let text = JSON.stringify(kept);
  while (text.length > maxChars && (kept.undo.length > 0 || kept.redo.length > 0)) {
    kept = kept.redo.length > 0 ? { ...kept, redo: kept.redo.slice(1) } : { ...kept, undo: kept.undo.slice(1) };
    text = JSON.stringify(kept);
  }
  return text;
}

/** Reads a stored history back; anything not exactly a step is left out. */
export function parseHistory(text: string | null): UndoHistory {
  if (text === null) return EMPTY_HISTORY;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return EMPTY_HISTORY;
  }
  if (!isRecord(data)) return EMPTY_HISTORY;
  const steps = (value: unknown) => (Array.isArray(value) ? value.slice(-HISTORY_LIMIT).filter(isStep) : []);
  return { undo: steps(data.undo), redo: steps(data.redo) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isId = (value: unknown): value is string => isText(value, 500) && value.length > 0;

function isStep(value: unknown): value is UndoStep {
  if (!isRecord(value) || !isText(value.label, 200) || typeof value.at !== 'number' || !Number.isFinite(value.at)) return false;
  if (value.kind === 'note') return isId(value.id) && isText(value.before, MAX_NOTE_CHARS) && isText(value.after, MAX_NOTE_CHARS);
  if (value.kind !== 'annotations' || !Array.isArray(value.changes) || value.changes.length > MAX_CHANGES) return false;
  return value.changes.every((change: unknown) => isRecord(change) && isId(change.id) && isFields(change.before) && isFields(change.after));
}

const FIELD_NAMES = new Set(['starred', 'status', 'tags']);

function isFields(value: unknown): value is AnnotationFields {
  if (!isRecord(value) || Object.keys(value).some((key) => !FIELD_NAMES.has(key))) return false;
  if ('starred' in value && typeof value.starred !== 'boolean') return false;
  if ('status' in value && value.status !== null && !(typeof value.status === 'string' && Object.hasOwn(STATUS_LABELS, value.status))) return false;
  if ('tags' in value && !(Array.isArray(value.tags) && value.tags.length <= 200 && value.tags.every((tag: unknown) => isText(tag, 100) && tag !== ''))) return false;
  return true;
}
