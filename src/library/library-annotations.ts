/**
 * Stars, tags, reading status and notes: the user's own data. Each change is a read-modify-write of
 * what is on disk now (another process may have written since this library opened), done under the
 * data folder's write lock and written before the call returns; then the small annotation index is
 * updated and subscribers are told. The lock is awaited, never waited for by blocking: a server
 * keeps answering its other requests while another process writes.
 */
import type { ChangeEvent } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import type { Annotation, PaperView, ReadingStatus, StoredPaper } from '../model/paper.ts';
import type { Corpus } from '../search/corpus/corpus.ts';
import type { AnnotationStore } from '../store/annotation-store.ts';
import { syncedStoresOf } from '../sync/library-stores.ts';
import { keepBeforeTagDeletion } from './tag-deletion-backup.ts';
import type { NoteVersion } from '../store/note-history.ts';
import type { NoteStore } from '../store/note-store.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { meetsExpectation, nextState, sameState, stateOf, type AnnotationChange, type AppliedChange, type AppliedChanges } from './apply-changes.ts';
import { hasTag, sameTag } from './paper-view.ts';

export interface AnnotationContext {
  dataDir: string;
  paper(id: string): StoredPaper;
  view(id: string): PaperView;
  annotations: AnnotationStore;
  notes: NoteStore;
  noteCache: Map<string, string>;
  corpus: Corpus;
  emit(kind: ChangeEvent['kind'], ids: string[]): void;
}

export interface TagCount {
  name: string;
  count: number;
}

export interface NoteHistoryView {
  versions: Array<Pick<NoteVersion, 'version' | 'savedAt' | 'text'>>;
}

export class LibraryAnnotations {
  /** Writes started and not yet finished; a door that quits waits for them. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly ctx: AnnotationContext) {}

  /** Runs a read-modify-write under the write lock, awaiting the lock rather than blocking on it. */
  private locked<T>(work: () => T): Promise<T> {
    // A synced library writes only this device's own new files: no lock; what arrived is read first.
    const synced = syncedStoresOf(this.ctx.annotations);
    const run = synced ? synced.synced.refresh().then(work) : withWriteLock(this.ctx.dataDir, async () => work());
    this.pending.add(run);
    const forget = () => this.pending.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Resolves when every write started so far has finished (successfully or not). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The note as on disk now; the cache follows what was read. */
  private readNote(id: string): string | null {
    const note = this.ctx.notes.read(id);
    if (note === null) this.ctx.noteCache.delete(id);
    else this.ctx.noteCache.set(id, note);
    return note;
  }

  private async change(
    input: string,
    change: (current: Annotation) => Annotation,
    kind: ChangeEvent['kind'] = 'annotations',
  ): Promise<PaperView> {
    const paper = this.ctx.paper(input);
    await this.locked(() => {
      const updated = this.ctx.annotations.update(paper.id, (current) => ({ ...change(current), updatedAt: new Date().toISOString() }));
      this.syncNoteMeta(paper, updated.tags);
    });
    return this.changed(paper.id, kind);
  }

  private changed(id: string, kind: ChangeEvent['kind']): PaperView {
    this.refreshIndex(id);
    this.ctx.emit(kind, [id]);
    return this.ctx.view(id);
  }

  /** Notes carry the paper's tags in their front matter so the files stay meaningful on their own. */
  private syncNoteMeta(paper: StoredPaper, tags: string[]): void {
    const note = this.ctx.notes.updateMeta(paper.id, { title: paper.title, tags });
    if (note === null) this.ctx.noteCache.delete(paper.id);
    else this.ctx.noteCache.set(paper.id, note);
  }

  private refreshIndex(id: string): void {
    const annotation = this.ctx.annotations.get(id);
    const note = this.ctx.noteCache.get(id) ?? '';
    const tags = annotation?.tags ?? [];
    this.ctx.corpus.updateAnnotationText(id, tags.length === 0 && note === '' ? null : { tags, note });
  }

  setStar(id: string, starred: boolean): Promise<PaperView> {
    return this.change(id, (current) => ({ ...current, starred }));
  }

  setStatus(id: string, status: ReadingStatus | null): Promise<PaperView> {
    return this.change(id, (current) => ({ ...current, status }));
  }

  /** Uses the library's existing spelling of a tag when one matches, so "LLM" and "llm" stay one tag. */
  private canonicalTag(tag: string): string {
    const trimmed = tag.trim();
    return this.listTags().find((t) => sameTag(t.name, trimmed))?.name ?? trimmed;
  }

  addTags(id: string, tags: string[]): Promise<PaperView> {
    return this.change(
      id,
      (current) => {
        const next = [...current.tags];
        for (const tag of tags.map((t) => this.canonicalTag(t))) if (!hasTag(next, tag)) next.push(tag);
        return { ...current, tags: next };
      },
      'tags',
    );
  }

  removeTags(id: string, tags: string[]): Promise<PaperView> {
    const paper = this.ctx.paper(id);
    return this.change(
      paper.id,
      (annotation) => {
        const missing = tags.filter((tag) => !hasTag(annotation.tags, tag));
        if (missing.length > 0) {
          throw new PapershelfError('not-found', `paper ${paper.id} has no tag ${missing.map((t) => `"${t}"`).join(', ')}`);
        }
        return { ...annotation, tags: annotation.tags.filter((t) => !hasTag(tags, t)) };
      },
      'tags',
    );
  }

  /**
   * Stars, statuses and tags of many papers in one read-modify-write and one write of annotations.json.
   * With `expect` on a change, nothing is written unless every paper still shows what was expected.
   */
  async applyChanges(changes: AnnotationChange[]): Promise<AppliedChanges> {
    const resolved = changes.map((change) => ({ ...change, id: this.ctx.paper(change.id).id }));
    const seen = new Set<string>();
    for (const { id } of resolved) {
      if (seen.has(id)) throw new PapershelfError('bad-input', `paper ${id} is named twice in one set of changes`);
      seen.add(id);
    }
    const result = await this.locked((): AppliedChanges => {
      const all = this.ctx.annotations.all();
      const conflicts = resolved.filter((change) => !meetsExpectation(stateOf(all[change.id]), change.expect)).map((change) => change.id);
      if (conflicts.length > 0) return { papers: 0, conflicts, changes: [] };
      const canonical = tagSpellings(Object.values(all));
      const applied: AppliedChange[] = [];
      for (const change of resolved) {
        const before = stateOf(all[change.id]);
        const after = nextState(before, change, canonical);
        if (!sameState(before, after)) applied.push({ id: change.id, before, after });
      }
      const now = new Date().toISOString();
      this.ctx.annotations.updateMany(new Map(applied.map(({ id, after }) => [id, (current: Annotation) => ({ ...current, ...after, tags: [...after.tags], updatedAt: now })])));
      // Merged with other devices' changes, a paper's state is what the store now says (tag order too).
      if (syncedStoresOf(this.ctx.annotations)) for (const change of applied) change.after = stateOf(this.ctx.annotations.get(change.id));
      for (const { id, before, after } of applied) {
        if (before.tags.join('\n') !== after.tags.join('\n')) this.syncNoteMeta(this.ctx.paper(id), after.tags);
      }
      return { papers: applied.length, conflicts: [], changes: applied };
    });
    for (const { id } of result.changes) this.refreshIndex(id);
    if (result.changes.length > 0) {
      const retagged = result.changes.some(({ before, after }) => before.tags.join('\n') !== after.tags.join('\n'));
      this.ctx.emit(retagged ? 'tags' : 'annotations', result.changes.map(({ id }) => id));
    }
    return result;
  }

  listTags(): TagCount[] {
    const counts = new Map<string, TagCount>();
    for (const annotation of Object.values(this.ctx.annotations.all())) {
      for (const tag of annotation.tags) {
        const key = tag.toLocaleLowerCase();
        const entry = counts.get(key) ?? { name: tag, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  /**
   * Renames (or, with `to` null, deletes) a tag on every paper in one write. Returns how many papers
   * changed. Before a deletion, annotations.json is copied to backups/: what was removed stays there.
   */
  async retag(from: string, to: string | null): Promise<number> {
    const target = to === null ? null : to.trim();
    const affected = await this.locked(() => {
      const ids = Object.entries(this.ctx.annotations.all())
        .filter(([, a]) => hasTag(a.tags, from))
        .map(([id]) => id);
      if (ids.length === 0) throw new PapershelfError('not-found', `no paper has the tag "${from}"`);
      if (target === null) keepBeforeTagDeletion(this.ctx.dataDir, this.ctx.annotations, ids, from);
      const now = new Date().toISOString();
      const changes = new Map<string, (current: Annotation) => Annotation>();
      for (const id of ids) {
        changes.set(id, (current) => {
          const kept = current.tags.filter((t) => !sameTag(t, from));
          if (target !== null && !hasTag(kept, target)) kept.splice(current.tags.findIndex((t) => sameTag(t, from)), 0, target);
          return { ...current, tags: kept, updatedAt: now };
        });
      }
      this.ctx.annotations.updateMany(changes);
      for (const id of ids) {
        const paper = this.ctx.corpus.get(id);
        if (paper) this.syncNoteMeta(paper, this.ctx.annotations.get(id)?.tags ?? []);
      }
      return ids;
    });
    for (const id of affected) this.refreshIndex(id);
    this.ctx.emit('tags', affected);
    return affected.length;
  }

  getNote(id: string): string | null {
    return this.readNote(this.ctx.paper(id).id);
  }

  async setNote(id: string, text: string): Promise<PaperView> {
    const paper = this.ctx.paper(id);
    await this.locked(() => this.writeNote(paper, text));
    return this.changed(paper.id, 'annotations');
  }

  /** Appends to the note as it is on disk at the moment of writing, never to a copy read earlier. */
  async appendNote(id: string, text: string): Promise<PaperView> {
    const paper = this.ctx.paper(id);
    await this.locked(() => {
      const current = this.readNote(paper.id);
      this.writeNote(paper, current ? `${current.replace(/\s+$/, '')}\n\n${text}` : text);
    });
    return this.changed(paper.id, 'annotations');
  }

  /** Earlier versions of the paper's note, newest first. */
  noteHistory(id: string): NoteHistoryView {
    const versions = this.ctx.notes.versions(this.ctx.paper(id).id);
    return { versions: versions.map(({ version, savedAt, text }) => ({ version, savedAt, text })) };
  }

  /** Brings an earlier version back; the text it replaces becomes a version in turn. */
  async restoreNote(id: string, version: number): Promise<PaperView> {
    const paper = this.ctx.paper(id);
    await this.locked(() => {
      const found = this.ctx.notes.versions(paper.id).find((entry) => entry.version === version);
      if (!found) throw new PapershelfError('not-found', `the note of ${paper.id} has no version ${version} (see \`papershelf note ${paper.id} --history\`)`);
      this.writeNote(paper, found.text);
    });
    return this.changed(paper.id, 'annotations');
  }

  private writeNote(paper: StoredPaper, text: string): void {
    this.ctx.notes.write(paper.id, text, { title: paper.title, tags: this.ctx.annotations.get(paper.id)?.tags ?? [] });
    if (text.trim() === '') this.ctx.noteCache.delete(paper.id);
    else this.ctx.noteCache.set(paper.id, text);
  }
}

/** The library's spelling of each tag (the first met), so an added "llm" joins an existing "LLM". */
function tagSpellings(annotations: Annotation[]): (tag: string) => string {
  const spellings = new Map<string, string>();
  for (const annotation of annotations) for (const tag of annotation.tags) if (!spellings.has(tag.toLocaleLowerCase())) spellings.set(tag.toLocaleLowerCase(), tag);
  const found = new Map<string, string>();
  return (tag) => {
    const trimmed = tag.trim();
    let spelling = found.get(trimmed);
    if (spelling === undefined) {
      spelling = spellings.get(trimmed.toLocaleLowerCase()) ?? [...spellings.values()].find((known) => sameTag(known, trimmed)) ?? trimmed;
      found.set(trimmed, spelling);
    }
    return spelling;
  };
}
