/**
 * Undo steps made from what the core answered: a step records only the fields its change touched,
 * so undoing a star never puts back tags that someone changed meanwhile.
 */
import type { OperationOutput, ReadingStatus } from '../api/types.ts';
import type { AnnotationFields, UndoStep } from './undo-stack.ts';

export type Field = 'starred' | 'status' | 'tags';

interface AnnotationLike {
  starred: boolean;
  status: ReadingStatus | null;
  tags: readonly string[];
}

export type AppliedChange = OperationOutput<'applyChanges'>['changes'][number];

export function pick(state: AnnotationLike, fields: readonly Field[]): AnnotationFields {
  const picked: AnnotationFields = {};
  for (const field of fields) {
    if (field === 'starred') picked.starred = state.starred;
    else if (field === 'status') picked.status = state.status;
    else picked.tags = [...state.tags];
  }
  return picked;
}

/** One paper's change; null when nothing changed (nothing to undo). */
export function paperStep(label: string, id: string, before: AnnotationLike, after: AnnotationLike, fields: readonly Field[]): UndoStep | null {
  const from = pick(before, fields);
  const to = pick(after, fields);
  if (JSON.stringify(from) === JSON.stringify(to)) return null;
  return { kind: 'annotations', label, at: Date.now(), changes: [{ id, before: from, after: to }] };
}

/** Many papers' changes as the core reported them (applyChanges, or a tag rename read before and after). */
export function changesStep(label: string, changes: readonly AppliedChange[], fields: readonly Field[]): UndoStep {
  return {
    kind: 'annotations',
    label,
    at: Date.now(),
    changes: changes.map(({ id, before, after }) => ({ id, before: pick(before, fields), after: pick(after, fields) })),
  };
}
