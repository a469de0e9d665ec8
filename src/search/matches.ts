/**
 * Where a hit's matched terms are, for highlighting: `[start, length]` offsets into each field's text.
 * Indexes keep no positions (they were most of a Lunr index's size); the few hits shown are
 * re-tokenized instead, which gives the positions Lunr would have recorded.
 */
import type { StoredPaper } from '../model/paper.ts';
import { annotationFieldText, isPaperField, paperFieldText, SEARCH_FIELDS, type AnnotationText, type SearchField } from './fields.ts';
import { forEachTerm } from './text-terms.ts';

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
function narrow(text: string, start: number, length: number): [number, number] {
  const token = text.slice(start, start + length);
  const lead = /^\W+/.exec(token)?.[0].length ?? 0;
  const trail = /\W+$/.exec(token)?.[0].length ?? 0;
  if (lead + trail >= token.length) return [start, length];
  return [start + lead, token.length - lead - trail];
}

export type ScoringTerms = ReadonlyMap<SearchField, ReadonlySet<string>>;

export function findMatches(paper: StoredPaper, annotation: AnnotationText | undefined, scoringTerms: ScoringTerms): FieldMatch[] {
  const matches: FieldMatch[] = [];
  for (const field of SEARCH_FIELDS) {
    const terms = scoringTerms.get(field);
    if (!terms || terms.size === 0) continue;
    const text = isPaperField(field) ? paperFieldText(paper, field) : annotation ? annotationFieldText(annotation, field) : '';
    if (text === '') continue;
    const found = new Map<string, Array<[number, number]>>();
    forEachTerm(text, (term, start, length) => {
      if (term === null || !terms.has(term)) return;
      let positions = found.get(term);
      if (!positions) found.set(term, (positions = []));
      positions.push(narrow(text, start, length));
    });
    for (const term of [...found.keys()].sort()) matches.push({ field, term, positions: found.get(term)! });
  }
  return matches;
}
