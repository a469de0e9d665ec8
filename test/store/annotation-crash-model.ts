/*
 * The deterministic workload of the kill test: step i sets one annotation and one note to values that
 * depend only on i, so the state after any number of steps can be computed, and replaying a step
 * changes nothing.
 */
import type { Annotation, ReadingStatus } from '../../src/model/paper.ts';

export const BASE_PAPERS = 2000;
/** Odd ids on purpose: slashes, colons, dots. */
export const ANNOTATED_IDS = ['2508.07662', 'hep-th/9901001', 't:attention-is-all-you-need', 'math.AG/0101001', '2401.00001'];
/** The paper both writers of the concurrency test tag. */
export const SHARED_PAPER = '2508.07662';
export const NOTE_IDS = ['2508.07662', 'hep-th/9901001', 't:a-paper-known-by-title'];
const STATUSES: (ReadingStatus | null)[] = ['to-read', 'reading', 'read', null];

export function stamp(step: number): string {
  return new Date(Date.UTC(2025, 0, 1) + step * 1000).toISOString();
}

export function baseAnnotations(): Record<string, Annotation> {
  const papers: Record<string, Annotation> = {};
  for (let k = 0; k < BASE_PAPERS; k++) {
    papers[`base.${k}`] = { starred: k % 3 === 0, tags: ['survey', `topic-${k % 17}`], status: 'to-read', updatedAt: stamp(-k) };
  }
  return papers;
}

/** Every 14th step (7, 21, ...) empties the annotation, which removes the entry. */
export function annotationAt(step: number): Annotation {
  if (step % 14 === 7) return { starred: false, tags: [], status: null, updatedAt: stamp(step) };
  return { starred: step % 2 === 0, tags: [`t${step}`, `Topic${step % 5}`], status: STATUSES[step % 4] ?? null, updatedAt: stamp(step) };
}

export function annotatedIdAt(step: number): string {
  return ANNOTATED_IDS[step % ANNOTATED_IDS.length] ?? '';
}

export function noteIdAt(step: number): string {
  return NOTE_IDS[step % NOTE_IDS.length] ?? '';
}

/** Several KiB, so a kill can land while it is being written; starts with `---` like a Markdown rule. */
export function noteAt(step: number): string {
  const lines = Array.from({ length: 150 }, (_, k) => `- line ${k} of step ${step}: some note text`);
  return `---\n# Step ${step}\n\n${lines.join('\n')}\nend of step ${step}\n`;
}

export function annotationsAfter(steps: number): Record<string, Annotation> {
  const papers = baseAnnotations();
  for (let step = 1; step <= steps; step++) {
    const annotation = annotationAt(step);
    const id = annotatedIdAt(step);
    if (annotation.starred || annotation.tags.length > 0 || annotation.status !== null) papers[id] = annotation;
    else delete papers[id];
  }
  return papers;
}

export function notesAfter(steps: number): Map<string, string> {
  const notes = new Map<string, string>();
  for (let step = 1; step <= steps; step++) notes.set(noteIdAt(step), noteAt(step));
  return notes;
}
