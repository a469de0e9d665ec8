/**
 * Tags and notes change with every edit, so they live in a small in-memory index of their own,
 * updated in place: an edit removes the paper's old terms and adds its new ones (work proportional
 * to that one paper's tags and note), and the big paper segments are never touched.
 */
import { ANNOTATION_FIELDS, annotationFieldText, type AnnotationField, type AnnotationText, type SearchField } from '../analysis/fields.ts';
import type { PostingVisitor, SearchSource } from '../query/search-source.ts';
import { fieldTerms } from '../analysis/text-terms.ts';

interface Entry {
  text: AnnotationText;
  /** Per annotation field: term frequencies and the number of indexed terms. */
  fields: Record<AnnotationField, { frequencies: Map<string, number>; length: number }>;
}

function isEmpty(text: AnnotationText): boolean {
  return text.tags.length === 0 && text.note.trim() === '';
}

function isAnnotationField(field: SearchField): field is AnnotationField {
  return field === 'tags' || field === 'note';
}

export class AnnotationIndex {
  private readonly entries = new Map<string, Entry>();
  /** term -> field -> paper id -> frequency. */
  private readonly postings = new Map<string, Record<AnnotationField, Map<string, number>>>();
  private sortedTerms: string[] | null = null;

  setAll(texts: ReadonlyMap<string, AnnotationText>): void {
    for (const id of [...this.entries.keys()]) this.update(id, null);
    for (const [id, text] of texts) this.update(id, text);
  }

  update(id: string, text: AnnotationText | null): void {
    const old = this.entries.get(id);
    if (old) {
      for (const field of ANNOTATION_FIELDS) {
        for (const term of old.fields[field].frequencies.keys()) {
          const byField = this.postings.get(term)!;
          byField[field].delete(id);
          if (byField.tags.size === 0 && byField.note.size === 0) {
            this.postings.delete(term);
            this.sortedTerms = null;
          }
        }
      }
      this.entries.delete(id);
    }
    if (text === null || isEmpty(text)) return;
    const copy = { tags: [...text.tags], note: text.note };
    const entry: Entry = {
      text: copy,
      fields: { tags: fieldTerms(annotationFieldText(copy, 'tags')), note: fieldTerms(annotationFieldText(copy, 'note')) },
    };
    this.entries.set(id, entry);
    for (const field of ANNOTATION_FIELDS) {
      for (const [term, frequency] of entry.fields[field].frequencies) {
        let byField = this.postings.get(term);
        if (!byField) {
          byField = { tags: new Map(), note: new Map() };
          this.postings.set(term, byField);
          this.sortedTerms = null;
        }
        byField[field].set(id, frequency);
      }
    }
  }

  text(id: string): AnnotationText | undefined {
    return this.entries.get(id)?.text;
  }

  /** `docOf` gives a paper's live doc number, or -1 when it is not (or no longer) in the library. */
  source(docOf: (id: string) => number): AnnotationSource {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    return new AnnotationSource(this.entries, this.postings, this.sortedTerms, docOf);
  }
}

export class AnnotationSource implements SearchSource {
  readonly fields = ANNOTATION_FIELDS;

  constructor(
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly postings: ReadonlyMap<string, Record<AnnotationField, Map<string, number>>>,
    readonly terms: readonly string[],
    private readonly docOf: (id: string) => number,
  ) {}

  hasTerm(term: string): boolean {
    return this.postings.has(term);
  }

  forEachLive(term: string, field: SearchField, visit: PostingVisitor): void {
    if (!isAnnotationField(field)) return;
    const papers = this.postings.get(term)?.[field];
    if (!papers) return;
    for (const [id, frequency] of papers) {
      const doc = this.docOf(id);
      if (doc >= 0) visit(doc, frequency, this.entries.get(id)!.fields[field].length);
    }
  }

  liveCount(term: string, field: SearchField): number {
    let count = 0;
    this.forEachLive(term, field, () => count++);
    return count;
  }

  /** Summed over live papers only, like the paper segments' totals. */
  lengthTotal(field: AnnotationField): number {
    let total = 0;
    for (const [id, entry] of this.entries) if (this.docOf(id) >= 0) total += entry.fields[field].length;
    return total;
  }

  /** Indexed text of a live paper's annotation field, for match positions. */
  fieldText(id: string, field: AnnotationField): string | undefined {
    const entry = this.entries.get(id);
    return entry && this.docOf(id) >= 0 ? annotationFieldText(entry.text, field) : undefined;
  }
}
