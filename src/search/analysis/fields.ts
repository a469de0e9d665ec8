/** The searchable fields, where their text comes from, and the names users type for them. */
import type { StoredPaper } from '../../model/paper.ts';

export type SearchField = 'title' | 'abstract' | 'authors' | 'tags' | 'note';
export type PaperField = 'title' | 'abstract' | 'authors';
export type AnnotationField = 'tags' | 'note';

export const SEARCH_FIELDS: readonly SearchField[] = ['title', 'abstract', 'authors', 'tags', 'note'];
/** Indexed in the immutable paper segments. */
export const PAPER_FIELDS: readonly PaperField[] = ['title', 'abstract', 'authors'];
/** Indexed in the small annotation index, which changes with every tag or note edit. */
export const ANNOTATION_FIELDS: readonly AnnotationField[] = ['tags', 'note'];

export interface AnnotationText {
  tags: string[];
  note: string;
}

/** `field:` prefixes a user may type; singular forms read naturally (`author:smith`, `tag:todo`). */
export const QUERY_FIELD_NAMES: Readonly<Record<string, SearchField>> = {
  title: 'title',
  abstract: 'abstract',
  author: 'authors',
  authors: 'authors',
  tag: 'tags',
  tags: 'tags',
  note: 'note',
  notes: 'note',
};

export const QUERY_FIELD_HELP = 'title:, abstract:, author:, tag:, note: or fulltext: (inside kept PDFs)';

/** The exact text a field is indexed from; match positions are offsets into it. */
export function paperFieldText(paper: Pick<StoredPaper, PaperField>, field: PaperField): string {
  if (field === 'authors') return paper.authors.join(', ');
  return paper[field];
}

export function annotationFieldText(text: AnnotationText, field: AnnotationField): string {
  return field === 'tags' ? text.tags.join(', ') : text.note;
}

export function isPaperField(field: SearchField): field is PaperField {
  return field === 'title' || field === 'abstract' || field === 'authors';
}
