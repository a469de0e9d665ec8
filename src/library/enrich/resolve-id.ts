/**
 * How a paper named by a user is found, in order: its id; an id it had before (aliases.json); any
 * common way of writing an arXiv id; and finally any unambiguous prefix of an id or old id. An
 * ambiguous prefix is the user's to fix, with the candidates named.
 */
import { PapershelfError } from '../../model/errors.ts';
import { parseArxivReference } from '../identity.ts';
import { IdPrefixIndex } from '../short-ids.ts';

export interface IdSpace {
  /** Whether a paper lives under exactly this id now. */
  has(id: string): boolean;
  /** The id an old id moved to (itself when it never moved). */
  resolveAlias(id: string): string;
  /** Every current id and old id, for prefixes; asked only when nothing else matched. */
  allIds(): Iterable<string>;
}

/** Candidates shown for an ambiguous prefix. */
const SHOWN_CANDIDATES = 10;

function direct(input: string, space: IdSpace): string | null {
  if (space.has(input)) return input;
  const moved = space.resolveAlias(input);
  return moved !== input && space.has(moved) ? moved : null;
}

export function resolvePaperId(input: string, space: IdSpace): string {
  const trimmed = input.trim();
  const found = direct(trimmed, space);
  if (found !== null) return found;
  const arxiv = parseArxivReference(trimmed);
  const viaArxiv = arxiv === null ? null : direct(arxiv, space);
  if (viaArxiv !== null) return viaArxiv;
  const match = new IdPrefixIndex(space.allIds(), (id) => space.resolveAlias(id)).match(trimmed, SHOWN_CANDIDATES);
  if ((match.kind === 'unique' || match.kind === 'exact') && space.has(match.id)) return match.id;
  if (match.kind === 'ambiguous') {
    const more = match.total > match.candidates.length ? ` and ${match.total - match.candidates.length} more` : '';
    throw new PapershelfError('bad-input', `"${trimmed}" could be any of ${match.total} papers: ${match.candidates.join(', ')}${more}; give more of the id`);
  }
  throw new PapershelfError('not-found', `no paper with id "${trimmed}" in the library`);
}
