/**
 * Where a hit's matched terms are, for highlighting: `[start, length]` offsets into each field's text.
 * Indexes keep no positions (they were most of a Lunr index's size); the few hits shown are
 * re-tokenized instead, which gives the positions Lunr would have recorded.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { annotationFieldText, isPaperField, paperFieldText, SEARCH_FIELDS, type AnnotationText, type SearchField } from '../analysis/fields.ts';
import { trimmedBounds } from '../index/lunr-internals.ts';
import { forEachTerm } from '../analysis/text-terms.ts';

export interface FieldMatch {
  field: SearchField;
  /** The index term (stemmed), e.g. `transform` for "Transformers". */
  term: string;
  positions: Array<[number, number]>;
}

/**
 * Lunr records the raw token ("Smith," or "(LLMs)") while indexing the trimmed one; narrow each
 * position to the word itself with the trimmer's own rule, so slicing the text gives the word.
 */
export function narrow(text: string, start: number, length: number): [number, number] {
  const [lead, trail] = trimmedBounds(text.slice(start, start + length));
  if (lead + trail >= length) return [start, length];
  return [start + lead, length - lead - trail];
}

/**
 * Tokens are cut from the lower-cased text, which can be longer than the original ("İ" lowers to
 * "i" + a combining dot). Maps an offset into the lower-cased text back to the original: `starts`
 * gives the original character an offset falls in, `ends` the end of that character.
 */
export class LowerCaseOffsets {
  readonly lower: string;
  private readonly starts: Int32Array | null = null;
  private readonly ends: Int32Array | null = null;

  constructor(text: string) {
    this.lower = text.toLowerCase();
    if (this.lower.length === text.length) return;
    this.starts = new Int32Array(this.lower.length + 1);
    this.ends = new Int32Array(this.lower.length + 1);
    let at = 0;
    for (let i = 0; i < text.length; ) {
      const code = text.codePointAt(i)!;
      const width = code > 0xffff ? 2 : 1;
      const lowered = String.fromCodePoint(code).toLowerCase().length;
      for (let k = 0; k < lowered; k++) {
        this.starts[at + k] = i;
        this.ends[at + k] = k === 0 ? i : i + width;
      }
      at += lowered;
      i += width;
    }
    // Per-character lowering can differ from the whole string's (final sigma keeps its length, so
    // it cannot); clamp rather than trust a mismatch.
    for (let k = at; k <= this.lower.length; k++) {
      this.starts[k] = text.length;
      this.ends[k] = text.length;
    }
  }

  /** `[start, length]` in the lower-cased text -> the same span of the original text. */
  toOriginal(start: number, length: number): [number, number] {
    if (!this.starts || !this.ends) return [start, length];
    const from = this.starts[start]!;
    return [from, this.ends[start + length]! - from];
  }
}

export type ScoringTerms = ReadonlyMap<SearchField, ReadonlySet<string>>;

export function findMatches(paper: StoredPaper, annotation: AnnotationText | undefined, scoringTerms: ScoringTerms): FieldMatch[] {
  const matches: FieldMatch[] = [];
  for (const field of SEARCH_FIELDS) {
    const terms = scoringTerms.get(field);
    if (!terms || terms.size === 0) continue;
    const text = isPaperField(field) ? paperFieldText(paper, field) : annotation ? annotationFieldText(annotation, field) : '';
    if (text === '') continue;
    const offsets = new LowerCaseOffsets(text);
    const found = new Map<string, Array<[number, number]>>();
    forEachTerm(text, (term, start, length) => {
      if (term === null || !terms.has(term)) return;
      let positions = found.get(term);
      if (!positions) found.set(term, (positions = []));
      // Narrowed as the trimmer saw the token (lower-cased), then mapped onto the original.
      const [from, size] = narrow(offsets.lower, start, length);
      positions.push(offsets.toOriginal(from, size));
    });
    for (const term of [...found.keys()].sort()) matches.push({ field, term, positions: found.get(term)! });
  }
  return matches;
}
