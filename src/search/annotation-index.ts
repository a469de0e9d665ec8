/**
 * Tags and notes change with every edit, so they live in a small in-memory Lunr index of their own,
 * rebuilt lazily: an edit only marks it dirty, the next search rebuilds it (milliseconds for the few
 * thousand papers a person annotates), and the big paper segments are never touched.
 */
import { ANNOTATION_FIELDS, annotationFieldText, type AnnotationField, type AnnotationText, type SearchField } from './fields.ts';
import { builderInternals, newBuilder, tokenSetFromSortedArray, type InvertedIndex, type TokenSet } from './lunr-internals.ts';
import type { SearchSource } from './search-source.ts';
import { lineRef, refLine } from './segment-index.ts';

interface Built {
  ids: string[];
  texts: AnnotationText[];
  refs: Map<string, string>;
  invertedIndex: InvertedIndex;
  tokenSet: TokenSet;
  lengths: Record<AnnotationField, Uint32Array>;
}

function isEmpty(text: AnnotationText): boolean {
  return text.tags.length === 0 && text.note.trim() === '';
}

export class AnnotationIndex {
  private texts = new Map<string, AnnotationText>();
  private built: Built | null = null;

  setAll(texts: ReadonlyMap<string, AnnotationText>): void {
    this.texts = new Map();
    for (const [id, text] of texts) this.update(id, text);
    this.built = null;
  }

  update(id: string, text: AnnotationText | null): void {
    if (text === null || isEmpty(text)) this.texts.delete(id);
    else this.texts.set(id, { tags: [...text.tags], note: text.note });
    this.built = null;
  }

  text(id: string): AnnotationText | undefined {
    return this.texts.get(id);
  }

  /** `isLive` tells papers in the library from annotations whose paper is gone. */
  source(isLive: (id: string) => boolean): AnnotationSource {
    this.built ??= this.build();
    return new AnnotationSource(this.built, isLive);
  }

  private build(): Built {
    const builder = newBuilder(ANNOTATION_FIELDS);
    const ids = [...this.texts.keys()].sort();
    const texts = ids.map((id) => this.texts.get(id)!);
    const refs = new Map<string, string>();
    ids.forEach((id, line) => {
      const text = texts[line]!;
      refs.set(id, lineRef(line));
      builder.add({ ref: lineRef(line), tags: annotationFieldText(text, 'tags'), note: annotationFieldText(text, 'note') });
    });
    const { invertedIndex, fieldLengths } = builderInternals(builder);
    const lengthsOf = (field: AnnotationField) => Uint32Array.from(ids, (_, line) => fieldLengths[`${field}/${lineRef(line)}`] ?? 0);
    return {
      ids,
      texts,
      refs,
      invertedIndex,
      tokenSet: tokenSetFromSortedArray(Object.keys(invertedIndex).sort()),
      lengths: { tags: lengthsOf('tags'), note: lengthsOf('note') },
    };
  }
}

export class AnnotationSource implements SearchSource {
  readonly fields = ANNOTATION_FIELDS;

  constructor(
    private readonly built: Built,
    private readonly isLive: (id: string) => boolean,
  ) {}

  get invertedIndex() {
    return this.built.invertedIndex;
  }

  get tokenSet() {
    return this.built.tokenSet;
  }

  idOf(ref: string): string | undefined {
    const id = this.built.ids[refLine(ref)];
    return id !== undefined && this.isLive(id) ? id : undefined;
  }

  refOf(id: string): string | undefined {
    return this.isLive(id) ? this.built.refs.get(id) : undefined;
  }

  fieldLength(field: SearchField, ref: string): number {
    return field === 'tags' || field === 'note' ? (this.built.lengths[field][refLine(ref)] ?? 0) : 0;
  }

  fieldText(field: SearchField, ref: string): string {
    const text = this.built.texts[refLine(ref)];
    return text && (field === 'tags' || field === 'note') ? annotationFieldText(text, field) : '';
  }

  /** Summed over live papers only, like the paper segments' totals. */
  lengthTotal(field: AnnotationField): number {
    let total = 0;
    this.built.ids.forEach((id, line) => {
      if (this.isLive(id)) total += this.built.lengths[field][line] ?? 0;
    });
    return total;
  }
}
