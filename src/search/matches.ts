/** Where a hit's matched terms are, for highlighting: `[start, length]` offsets into each field's text. */
import { SEARCH_FIELDS, type SearchField } from './fields.ts';
import { docMetadata, fieldPosting } from './lunr-internals.ts';
import type { SearchSource } from './search-source.ts';

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
function narrow(text: string, [start, length]: [number, number]): [number, number] {
  const token = text.slice(start, start + length);
  const lead = /^\W+/.exec(token)?.[0].length ?? 0;
  const trail = /\W+$/.exec(token)?.[0].length ?? 0;
  if (lead + trail >= token.length) return [start, length];
  return [start + lead, token.length - lead - trail];
}

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && Number.isInteger(value[1]);
}

/** `sources` are the indexes that may hold this paper: its live segment and the annotation index. */
export function findMatches(id: string, sources: readonly SearchSource[], scoringTerms: ReadonlyMap<SearchField, ReadonlySet<string>>): FieldMatch[] {
  const matches: FieldMatch[] = [];
  for (const field of SEARCH_FIELDS) {
    const terms = scoringTerms.get(field);
    if (!terms) continue;
    for (const source of sources) {
      if (!source.fields.includes(field)) continue;
      const ref = source.refOf(id);
      if (ref === undefined) continue;
      const text = source.fieldText(field, ref);
      for (const term of [...terms].sort()) {
        const positions = docMetadata(fieldPosting(source.invertedIndex[term], field), ref)?.position;
        if (!Array.isArray(positions) || positions.length === 0) continue;
        matches.push({
          field,
          term,
          positions: positions
            .filter(isPosition)
            .map((position) => narrow(text, position))
            .sort((a, b) => a[0] - b[0]),
        });
      }
    }
  }
  return matches;
}
