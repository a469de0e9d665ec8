/**
 * Stars, tags, reading status and notes: the user's own data. Each change is written to disk (under
 * the data folder's write lock) before the call returns, then the small annotation index is updated
 * and subscribers are told.
 */
import type { ChangeEvent } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import type { Annotation, PaperView, ReadingStatus, StoredPaper } from '../model/paper.ts';
import type { Corpus } from '../search/corpus.ts';
import type { AnnotationStore } from '../store/annotation-store.ts';
import type { NoteStore } from '../store/note-store.ts';
import { withWriteLockSync } from '../store/write-lock.ts';
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

export class LibraryAnnotations {
  constructor(private readonly ctx: AnnotationContext) {}

  private change(input: string, change: (current: Annotation) => Annotation, kind: ChangeEvent['kind'] = 'annotations'): PaperView {
    const paper = this.ctx.paper(input);
    withWriteLockSync(this.ctx.dataDir, () => {
      const updated = this.ctx.annotations.update(paper.id, (current) => ({ ...change(current), updatedAt: new Date().toISOString() }));
      this.syncNoteMeta(paper, updated.tags);
    });
    this.refreshIndex(paper.id);
    this.ctx.emit(kind, [paper.id]);
    return this.ctx.view(paper.id);
  }

  /** Notes carry the paper's tags in their front matter so the files stay meaningful on their own. */
  private syncNoteMeta(paper: StoredPaper, tags: string[]): void {
    const note = this.ctx.noteCache.get(paper.id);
    if (note !== undefined) this.ctx.notes.write(paper.id, note, { title: paper.title, tags });
  }

  private refreshIndex(id: string): void {
    const annotation = this.ctx.annotations.get(id);
    const note = this.ctx.noteCache.get(id) ?? '';
    const tags = annotation?.tags ?? [];
    this.ctx.corpus.updateAnnotationText(id, tags.length === 0 && note === '' ? null : { tags, note });
  }

  setStar(id: string, starred: boolean): PaperView {
    return this.change(id, (current) => ({ ...current, starred }));
  }

  setStatus(id: string, status: ReadingStatus | null): PaperView {
    return this.change(id, (current) => ({ ...current, status }));
  }

  /** Uses the library's existing spelling of a tag when one matches, so "LLM" and "llm" stay one tag. */
  private canonicalTag(tag: string): string {
    const trimmed = tag.trim();
    return this.listTags().find((t) => sameTag(t.name, trimmed))?.name ?? trimmed;
  }

  addTags(id: string, tags: string[]): PaperView {
    const wanted = tags.map((tag) => this.canonicalTag(tag));
    return this.change(
      id,
      (current) => {
        const next = [...current.tags];
        for (const tag of wanted) if (!hasTag(next, tag)) next.push(tag);
        return { ...current, tags: next };
      },
      'tags',
    );
  }

  removeTags(id: string, tags: string[]): PaperView {
    const paper = this.ctx.paper(id);
    const current = this.ctx.annotations.get(paper.id)?.tags ?? [];
    const missing = tags.filter((tag) => !hasTag(current, tag));
    if (missing.length > 0) {
      throw new PapershelfError('not-found', `paper ${paper.id} has no tag ${missing.map((t) => `"${t}"`).join(', ')}`);
    }
    return this.change(paper.id, (annotation) => ({ ...annotation, tags: annotation.tags.filter((t) => !hasTag(tags, t)) }), 'tags');
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

  /** Renames (or, with `to` null, deletes) a tag on every paper in one write. Returns how many papers changed. */
  retag(from: string, to: string | null): number {
    const affected = Object.entries(this.ctx.annotations.all()).filter(([, a]) => hasTag(a.tags, from));
    if (affected.length === 0) throw new PapershelfError('not-found', `no paper has the tag "${from}"`);
    const target = to === null ? null : to.trim();
    const now = new Date().toISOString();
    const changes: Record<string, (current: Annotation) => Annotation> = {};
    for (const [id] of affected) {
      changes[id] = (current) => {
        const kept = current.tags.filter((t) => !sameTag(t, from));
        if (target !== null && !hasTag(kept, target)) kept.splice(current.tags.findIndex((t) => sameTag(t, from)), 0, target);
        return { ...current, tags: kept, updatedAt: now };
      };
    }
    withWriteLockSync(this.ctx.dataDir, () => {
      this.ctx.annotations.updateMany(changes);
      for (const [id] of affected) {
        const paper = this.ctx.corpus.get(id);
        if (paper) this.syncNoteMeta(paper, this.ctx.annotations.get(id)?.tags ?? []);
      }
    });
    for (const [id] of affected) this.refreshIndex(id);
    this.ctx.emit('tags', affected.map(([id]) => id));
    return affected.length;
  }

  getNote(id: string): string | null {
    return this.ctx.noteCache.get(this.ctx.paper(id).id) ?? null;
  }

  setNote(id: string, text: string): PaperView {
    const paper = this.ctx.paper(id);
    withWriteLockSync(this.ctx.dataDir, () => {
      this.ctx.notes.write(paper.id, text, { title: paper.title, tags: this.ctx.annotations.get(paper.id)?.tags ?? [] });
    });
    if (text.trim() === '') this.ctx.noteCache.delete(paper.id);
    else this.ctx.noteCache.set(paper.id, text);
    this.refreshIndex(paper.id);
    this.ctx.emit('annotations', [paper.id]);
    return this.ctx.view(paper.id);
  }

  appendNote(id: string, text: string): PaperView {
    const current = this.getNote(id);
    return this.setNote(id, current ? `${current.replace(/\s+$/, '')}\n\n${text}` : text);
  }
}
