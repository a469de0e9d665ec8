/**
 * The user's signals, read from the library: which papers are positives (and why), which were
 * dismissed, and which are the user's own (never recommended back). With a tag, only that tag's
 * papers are positives ("More like tag"); the other signals still keep papers out of the results.
 */
import type { Annotation } from '../model/paper.ts';
import type { ExportItem } from '../export/types.ts';
import { hasTag } from '../library/paper-view.ts';

export type SignalReason = 'starred' | 'tagged' | 'reading' | 'read' | 'note';

/** Fewer positives than this: no model, results follow upvotes. */
export const MIN_POSITIVES = 3;

export interface Signals {
  /** Positive paper id → the first reason found (the order of SignalReason). */
  positives: Map<string, SignalReason>;
  dismissed: Set<string>;
  /** Papers with any annotation or note: the user's own, left out of the results. */
  own: Set<string>;
}

function reasonOf(annotation: Annotation | null, note: string | null, tag: string | undefined): SignalReason | null {
  if (tag !== undefined) return annotation && hasTag(annotation.tags, tag) ? 'tagged' : null;
  if (annotation?.starred) return 'starred';
  if (annotation && annotation.tags.length > 0) return 'tagged';
  if (annotation?.status === 'reading') return 'reading';
  if (annotation?.status === 'read') return 'read';
  if (note !== null && note.trim() !== '') return 'note';
  return null;
}

export function readSignals(items: readonly Pick<ExportItem, 'paper' | 'annotation' | 'note'>[], tag?: string): Signals {
  const signals: Signals = { positives: new Map(), dismissed: new Set(), own: new Set() };
  for (const { paper, annotation, note } of items) {
    const reason = reasonOf(annotation, note, tag);
    if (reason) signals.positives.set(paper.id, reason);
    if (annotation?.status === 'dismissed') signals.dismissed.add(paper.id);
    if (annotation || (note !== null && note.trim() !== '')) signals.own.add(paper.id);
  }
  // A dismissed paper is a negative even if it also carries a tag or a star.
  for (const id of signals.dismissed) signals.positives.delete(id);
  return signals;
}

/** A stable key of the signal set: a model trained on the same key is reused. */
export function signalKey(signals: Signals, tag: string | undefined): string {
  const positives = [...signals.positives.keys()].sort().join('\n');
  const dismissed = [...signals.dismissed].sort().join('\n');
  return `${tag ?? ''}\u0000${positives}\u0000${dismissed}`;
}
