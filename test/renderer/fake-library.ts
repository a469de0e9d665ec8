/**
 * An in-memory library with the core's semantics (filters, sorts, tag spelling, retagging, notes,
 * import merge by title) on top of the core's own pure view helpers. The fake bridge puts a transport
 * around it; tests seed it with a few papers or many generated ones.
 */
import { comparePapers, hasTag, matchesFilter, sameTag, toPaperView, type ListFilter } from '../../src/library/paper-view.ts';
import { ImportFormatError, PapershelfError } from '../../src/model/errors.ts';
import { emptyPaperFields, type Annotation, type PaperView, type StoredPaper } from '../../src/model/paper.ts';
import { runQuery, type FieldTexts, type Hit } from './fake-search.ts';

export type SeedPaper = Partial<StoredPaper> & { title: string };
type NoteVersion = { version: number; savedAt: string; text: string };
type Sort = 'relevance' | 'date' | 'upvotes' | 'title' | 'added';

export function makePaper(seed: SeedPaper, index: number): StoredPaper {
  return {
    ...emptyPaperFields(seed.title),
    id: seed.id ?? `p${index}`,
    sources: ['hf-json'],
    addedAt: `2026-01-01T00:00:${String(index % 60).padStart(2, '0')}.000Z`,
    modifiedAt: '2026-01-01T00:00:00.000Z',
    ...seed,
  };
}

export class FakeLibrary {
  readonly papers = new Map<string, StoredPaper>();
  readonly annotations = new Map<string, Annotation>();
  readonly notes = new Map<string, string>();
  readonly history = new Map<string, NoteVersion[]>();
  private sortedCache = new Map<string, StoredPaper[]>();

  constructor(seeds: SeedPaper[] = []) {
    seeds.forEach((seed, index) => this.put(makePaper(seed, index)));
  }

  put(paper: StoredPaper): void {
    this.papers.set(paper.id, paper);
    this.sortedCache.clear();
  }

  private require(id: string): StoredPaper {
    const paper = this.papers.get(id.trim());
    if (!paper) throw new PapershelfError('not-found', `no paper with id "${id}" in the library`);
    return paper;
  }

  view(id: string): PaperView {
    const paper = this.require(id);
    return toPaperView(paper, this.annotations.get(paper.id), this.notes.get(paper.id) ?? null);
  }

  /** Sorting 100,000 papers on every page request would be the fake's cost, not the window's. */
  private sorted(filter: ListFilter, sort: Sort): StoredPaper[] {
    const key = JSON.stringify([filter.starred, filter.tag, filter.status, filter.source, sort]);
    let papers = this.sortedCache.get(key);
    if (!papers) {
      papers = [...this.papers.values()].filter((paper) => matchesFilter(paper, this.annotations.get(paper.id), filter));
      papers.sort(comparePapers(sort === 'relevance' ? 'date' : sort));
      this.sortedCache.set(key, papers);
    }
    return papers;
  }

  list(filter: ListFilter, sort: Sort = 'date', offset = 0, limit?: number) {
    const papers = this.sorted(filter, sort);
    const page = papers.slice(offset, offset + (limit ?? papers.length));
    return { total: papers.length, results: page.map((paper) => this.view(paper.id)) };
  }

  private texts(paper: StoredPaper): FieldTexts {
    const annotation = this.annotations.get(paper.id);
    return {
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors.join(', '),
      tags: (annotation?.tags ?? []).join(', '),
      note: this.notes.get(paper.id) ?? '',
    };
  }

  search(query: string, filter: ListFilter, sort: Sort = 'relevance', offset = 0, limit = 50) {
    const documents = [...this.papers.values()]
      .filter((paper) => matchesFilter(paper, this.annotations.get(paper.id), filter))
      .map((paper) => ({ id: paper.id, texts: this.texts(paper) }));
    let hits: Hit[] = runQuery(query, documents);
    if (sort !== 'relevance') {
      const compare = comparePapers(sort);
      hits = [...hits].sort((a, b) => compare(this.require(a.id), this.require(b.id)));
    }
    const results = hits.slice(offset, offset + limit).map((hit) => ({ ...this.view(hit.id), score: hit.score, matches: hit.matches }));
    return { total: hits.length, results };
  }

  similar(id: string, limit = 10) {
    const words = (paper: StoredPaper) => new Set(`${paper.title} ${paper.abstract}`.toLowerCase().match(/[a-z]{4,}/g) ?? []);
    const own = words(this.require(id));
    return [...this.papers.values()]
      .filter((paper) => paper.id !== id)
      .map((paper) => ({ paper, score: [...words(paper)].filter((word) => own.has(word)).length }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id))
      .slice(0, limit)
      .map(({ paper, score }) => ({ ...this.view(paper.id), score, matches: [] }));
  }

  annotate(id: string, change: (current: Annotation) => Annotation): PaperView {
    const paper = this.require(id);
    const current = this.annotations.get(paper.id) ?? { starred: false, tags: [], status: null, updatedAt: '' };
    this.annotations.set(paper.id, { ...change(current), updatedAt: new Date().toISOString() });
    this.sortedCache.clear();
    return this.view(paper.id);
  }

  tags(): Array<{ name: string; count: number }> {
    const counts = new Map<string, { name: string; count: number }>();
    for (const annotation of this.annotations.values()) {
      for (const tag of annotation.tags) {
        const entry = counts.get(tag.toLowerCase()) ?? { name: tag, count: 0 };
        entry.count += 1;
        counts.set(tag.toLowerCase(), entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  addTags(id: string, tags: string[]): PaperView {
    const wanted = tags.map((tag) => this.tags().find((known) => sameTag(known.name, tag))?.name ?? tag);
    return this.annotate(id, (current) => ({ ...current, tags: [...current.tags, ...wanted.filter((tag) => !hasTag(current.tags, tag))] }));
  }

  removeTags(id: string, tags: string[]): PaperView {
    const own = this.annotations.get(this.require(id).id)?.tags ?? [];
    const missing = tags.filter((tag) => !hasTag(own, tag));
    if (missing.length > 0) throw new PapershelfError('not-found', `paper ${id} has no tag "${missing[0]}"`);
    return this.annotate(id, (current) => ({ ...current, tags: current.tags.filter((tag) => !hasTag(tags, tag)) }));
  }

  retag(from: string, to: string | null): number {
    const affected = [...this.annotations.entries()].filter(([, annotation]) => hasTag(annotation.tags, from));
    if (affected.length === 0) throw new PapershelfError('not-found', `no paper has the tag "${from}"`);
    for (const [id] of affected) {
      this.annotate(id, (current) => {
        const kept = current.tags.filter((tag) => !sameTag(tag, from));
        return { ...current, tags: to === null || hasTag(kept, to) ? kept : [...kept, to] };
      });
    }
    return affected.length;
  }

  /** Like the core: what a note held before each write becomes its newest earlier version. */
  setNote(id: string, text: string): PaperView {
    const paper = this.require(id);
    this.keepVersion(paper.id);
    if (text.trim() === '') this.notes.delete(paper.id);
    else this.notes.set(paper.id, text);
    return this.view(paper.id);
  }

  private keepVersion(id: string): void {
    const previous = this.notes.get(id);
    if (previous === undefined) return;
    const versions = this.history.get(id) ?? [];
    if (versions[0]?.text === previous) return;
    this.history.set(id, [{ version: (versions[0]?.version ?? 0) + 1, savedAt: new Date().toISOString(), text: previous }, ...versions]);
  }

  /** Earlier versions of the note, newest first. */
  noteHistory(id: string): { versions: NoteVersion[] } {
    return { versions: [...(this.history.get(this.require(id).id) ?? [])] };
  }

  restoreNote(id: string, version: number): PaperView {
    const paper = this.require(id);
    const found = this.history.get(paper.id)?.find((entry) => entry.version === version);
    if (!found) throw new PapershelfError('not-found', `the note of ${paper.id} has no version ${version}`);
    return this.setNote(paper.id, found.text);
  }

  /** Imports a JSON array of papers (`[{title, ...}]`), merging by title like the core merges by key. */
  importJson(text: string) {
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch (error) {
      throw new ImportFormatError('json', 'line 1', error instanceof Error ? error.message : 'not JSON');
    }
    if (!Array.isArray(entries)) throw new ImportFormatError('json', null, 'expected a list of papers');
    const summary = { format: 'json' as const, added: 0, updated: 0, unchanged: 0, skipped: 0, warnings: [] as string[] };
    entries.forEach((entry: Partial<StoredPaper>, index) => {
      if (typeof entry?.title !== 'string' || !entry.title.trim()) {
        summary.skipped += 1;
        summary.warnings.push(`entry ${index + 1}: no title, skipped`);
        return;
      }
      const existing = [...this.papers.values()].find((paper) => paper.title.toLowerCase() === entry.title!.toLowerCase());
      const next = makePaper({ ...existing, ...entry, title: entry.title, id: existing?.id ?? `i${this.papers.size}` }, this.papers.size);
      if (existing && JSON.stringify({ ...existing, modifiedAt: '' }) === JSON.stringify({ ...next, modifiedAt: '', addedAt: existing.addedAt })) {
        summary.unchanged += 1;
        return;
      }
      summary[existing ? 'updated' : 'added'] += 1;
      this.put(existing ? { ...next, addedAt: existing.addedAt } : next);
    });
    return summary;
  }
}
