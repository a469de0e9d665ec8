import type { Annotation } from '../model/paper.ts';
import { AnnotationCodec } from '../store/annotation-codec.ts';
import { decodeAnnotations } from '../store/annotation-document.ts';
import { tagKey } from '../store/annotation-schema.ts';
import type { LocalChange, MergedState } from './library-doc.ts';

/*
 * A single-folder library's annotations.json (or a sync tool's conflicted copy of it) taken into the
 * synced state, adding only what the state lacks: a star or status that is newer than the state's, and
 * every tag (tags are an add-wins set). Run again on the same file, it adds nothing.
 */

export function decodeLegacyAnnotations(text: string, fileName: string): Map<string, Annotation> {
  return new AnnotationCodec().decode(text) ?? decodeAnnotations(text, fileName).papers;
}

export interface DatedChanges {
  /** When the annotation was last changed (ms); the stamp given to its changes. */
  at: number;
  changes: LocalChange[];
}

/** Oldest first, so that stamps given in this order keep the annotations' own order. */
export function legacyChanges(merged: MergedState, legacy: ReadonlyMap<string, Annotation>): DatedChanges[] {
  const batches: DatedChanges[] = [];
  for (const [paperId, annotation] of legacy) {
    const current = merged.annotations.get(paperId);
    const at = Date.parse(annotation.updatedAt);
    const time = Number.isNaN(at) ? 0 : at;
    const newer = !current || time > Date.parse(current.updatedAt);
    const changes: LocalChange[] = [];
    if (newer && annotation.starred !== (current?.starred ?? false)) changes.push({ type: 'star', paperId, starred: annotation.starred });
    if (newer && annotation.status !== (current?.status ?? null)) changes.push({ type: 'status', paperId, status: annotation.status });
    const has = new Set((current?.tags ?? []).map(tagKey));
    for (const tag of annotation.tags) if (!has.has(tagKey(tag))) changes.push({ type: 'add-tag', paperId, tag });
    if (changes.length > 0) batches.push({ at: time, changes });
  }
  return batches.sort((a, b) => a.at - b.at);
}
