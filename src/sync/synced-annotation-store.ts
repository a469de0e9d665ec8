import type { Annotation } from '../model/paper.ts';
import { AnnotationStore } from '../store/annotation-store.ts';
import { cloneAnnotation, emptyAnnotation, finalizeAnnotation, isEmptyAnnotation, mergeAnnotations, tagKey } from '../store/annotation-schema.ts';
import type { LocalChange, MergedState } from './library-doc.ts';
import type { SyncedLibrary } from './synced-library.ts';

/*
 * Stars, tags and status of a library in the sync layout, behind the same API as annotations.json's
 * store. Reads come from the merged state of every device (computed once per change of it); a write
 * becomes the few changes that turn the paper's annotation into the new one, written to this device's
 * own files. No other process's file is rewritten, so no lock of the data folder is needed.
 */

/** The changes that make `before` into `after` for one paper. */
export function annotationChanges(paperId: string, before: Annotation, after: Annotation): LocalChange[] {
  const changes: LocalChange[] = [];
  if (before.starred !== after.starred) changes.push({ type: 'star', paperId, starred: after.starred });
  if (before.status !== after.status) changes.push({ type: 'status', paperId, status: after.status });
  const kept = new Map(after.tags.map((tag) => [tagKey(tag), tag]));
  const had = new Map(before.tags.map((tag) => [tagKey(tag), tag]));
  for (const [key, tag] of had) if (kept.get(key) !== tag) changes.push({ type: 'remove-tag', paperId, tag });
  for (const [key, tag] of kept) if (had.get(key) !== tag) changes.push({ type: 'add-tag', paperId, tag });
  return changes;
}

export class SyncedAnnotationStore extends AnnotationStore {
  private cache: { revision: number; state: MergedState } | null = null;

  constructor(
    dataDir: string,
    readonly synced: SyncedLibrary,
  ) {
    super(dataDir);
  }

  /** Every device's changes merged, recomputed only when they changed. */
  merged(): MergedState {
    if (this.cache?.revision !== this.synced.revision) this.cache = { revision: this.synced.revision, state: this.synced.state() };
    return this.cache.state;
  }

  override get(id: string): Annotation | undefined {
    const found = this.merged().annotations.get(id);
    return found && cloneAnnotation(found);
  }

  override all(): Record<string, Annotation> {
    const copy = Object.create(null) as Record<string, Annotation>;
    for (const [id, annotation] of this.merged().annotations) copy[id] = cloneAnnotation(annotation);
    return copy;
  }

  override update(id: string, change: (current: Annotation) => Annotation): Annotation {
    const [changes, next] = this.changesFor(id, change);
    this.synced.applyLocalNow(changes);
    return next;
  }

  override updateMany(changes: Map<string, (current: Annotation) => Annotation>): void {
    this.synced.applyLocalNow([...changes].flatMap(([id, change]) => this.changesFor(id, change)[0]));
  }

  override rekey(fromId: string, toId: string): void {
    if (fromId === toId) return;
    const source = this.get(fromId);
    if (!source) return;
    const target = this.get(toId) ?? emptyAnnotation();
    const now = new Date().toISOString();
    const merged = mergeAnnotations(target, source, now);
    this.synced.applyLocalNow([...annotationChanges(toId, target, merged), ...annotationChanges(fromId, source, emptyAnnotation())]);
  }

  private changesFor(id: string, change: (current: Annotation) => Annotation): [LocalChange[], Annotation] {
    const current = this.get(id) ?? emptyAnnotation();
    const next = finalizeAnnotation(current, change(cloneAnnotation(current)), new Date().toISOString());
    return [annotationChanges(id, current, next), isEmptyAnnotation(next) ? emptyAnnotation() : next];
  }
}
