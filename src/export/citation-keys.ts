/**
 * Citation keys shared by the BibTeX and CSL-JSON exports, so a document written against one export
 * resolves against the other. Keys must not change between exports of the same library: a key
 * imported from BibTeX is kept as the user typed it, every other key is derived from the paper alone,
 * and collisions are settled in paper-id order.
 */
import type { StoredPaper } from '../model/paper.ts';
import { keyName } from './names.ts';
import { paperYear } from './paper-facts.ts';

// Words skipped when picking the title word of a key ("Towards Explainable Test..." -> "explainable").
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'for', 'in', 'into', 'to', 'and', 'or', 'with', 'without', 'via', 'from',
  'by', 'at', 'as', 'is', 'are', 'be', 'do', 'does', 'can', 'how', 'what', 'why', 'when', 'where', 'which',
  'towards', 'toward', 'about', 'beyond', 'through', 'over', 'under', 'not', 'no', 'its', 'we', 'our',
]);

// Letters that Unicode decomposition does not reduce to ASCII.
const ASCII_LETTERS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/** Lower-case ASCII letters and digits only: "Gödel" -> "godel", "Łukasz" -> "lukasz". */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\x00-\x7f]/g, (char) => ASCII_LETTERS[char] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

function titleWord(title: string): string {
  for (const word of title.split(/[\s\-–—:/]+/)) {
    const folded = asciiFold(word);
    if (folded && !STOP_WORDS.has(folded)) return folded;
  }
  return '';
}

/** The undisambiguated key: first author's family name + year + first significant title word. */
export function baseCitationKey(paper: StoredPaper): string {
  const firstAuthor = paper.authors[0] ?? paper.organization ?? '';
  const name = asciiFold(keyName(firstAuthor)) || 'anon';
  const year = paperYear(paper) ?? '';
  return `${name}${year}${titleWord(paper.title)}`;
}

// Characters BibTeX, biber and pandoc all accept in a key; anything else makes the kept key unusable.
const VALID_KEY = /^[A-Za-z0-9_:.+/@!?*<>'-]+$/;

/** a, b, ... z, aa, ab, ...: as many suffixes as collisions need. */
function suffix(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/**
 * Assigns every paper a unique key. Kept BibTeX keys claim theirs first; then derived keys in id
 * order. The first paper (by id) with a given key gets it bare, later ones get a, b, c...: arXiv ids
 * grow with time, so a newly added paper usually takes the suffix instead of renaming an older one.
 * Uniqueness is case-insensitive because BibTeX treats keys that way.
 */
export function assignCitationKeys(papers: readonly StoredPaper[]): Map<string, string> {
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  const claim = (paper: StoredPaper, wanted: string): void => {
    let key = wanted;
    for (let i = 0; taken.has(key.toLowerCase()); i++) key = wanted + suffix(i);
    taken.add(key.toLowerCase());
    keys.set(paper.id, key);
  };
  const kept = (paper: StoredPaper): boolean => paper.citationKey !== null && VALID_KEY.test(paper.citationKey);
  for (const paper of sorted) if (kept(paper)) claim(paper, paper.citationKey ?? '');
  for (const paper of sorted) if (!kept(paper)) claim(paper, baseCitationKey(paper));
  return keys;
}

export function citationKeyOf(keys: ReadonlyMap<string, string>, paper: StoredPaper): string {
  return keys.get(paper.id) ?? baseCitationKey(paper);
}
