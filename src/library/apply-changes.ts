/**
 * Many papers' stars, statuses and tags changed in one write (bulk actions, and undo/redo of any
 * annotation change). Pure parts here: what a change makes of a paper's annotation, and whether the
 * paper still is as the caller expects (undo must not silently overwrite a newer change).
 */
import type { Annotation, ReadingStatus } from '../model/paper.ts';
import { hasTag } from './paper-view.ts';

export interface AnnotationState {
  starred: boolean;
  status: ReadingStatus | null;
  tags: string[];
}

export interface AnnotationChange {
  id: string;
  starred?: boolean | undefined;
  status?: ReadingStatus | null | undefined;
  /** The paper's tags become exactly these (undo restores order and spelling). */
  tags?: string[] | undefined;
  addTags?: string[] | undefined;
  /** Tags the paper lacks are ignored: a bulk removal touches only the papers that have them. */
  removeTags?: string[] | undefined;
  /** Applied only if the paper shows these now; otherwise nothing of the whole call is written. */
  expect?: Partial<AnnotationState> | undefined;
}

export interface AppliedChange {
  id: string;
  before: AnnotationState;
  after: AnnotationState;
}

export interface AppliedChanges {
  /** Papers whose annotation changed. */
  papers: number;
  /** Papers that did not match `expect`; when any, nothing was written. */
  conflicts: string[];
  changes: AppliedChange[];
}

export function stateOf(annotation: Annotation | undefined): AnnotationState {
  return { starred: annotation?.starred ?? false, status: annotation?.status ?? null, tags: [...(annotation?.tags ?? [])] };
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

export function sameState(a: AnnotationState, b: AnnotationState): boolean {
  return a.starred === b.starred && a.status === b.status && sameTags(a.tags, b.tags);
}

/** Exact comparison, tags in order and spelling: undo needs the state it left, not a similar one. */
export function meetsExpectation(state: AnnotationState, expect: Partial<AnnotationState> | undefined): boolean {
  if (!expect) return true;
  if (expect.starred !== undefined && expect.starred !== state.starred) return false;
  if (expect.status !== undefined && expect.status !== state.status) return false;
  if (expect.tags !== undefined && !sameTags(expect.tags, state.tags)) return false;
  return true;
}

/** `canonical` gives a tag the library's existing spelling, so "LLM" and "llm" stay one tag. */
export function nextState(state: AnnotationState, change: AnnotationChange, canonical: (tag: string) => string): AnnotationState {
  let tags = change.tags === undefined ? [...state.tags] : withoutDuplicates(change.tags);
  for (const tag of (change.addTags ?? []).map(canonical)) if (!hasTag(tags, tag)) tags.push(tag);
  if (change.removeTags) {
    const removed = change.removeTags;
    tags = tags.filter((tag) => !hasTag(removed, tag));
  }
  return { starred: change.starred ?? state.starred, status: change.status === undefined ? state.status : change.status, tags };
}

function withoutDuplicates(tags: readonly string[]): string[] {
  const kept: string[] = [];
  for (const tag of tags) if (!hasTag(kept, tag)) kept.push(tag);
  return kept;
}
