/**
 * BibTeX export. arXiv papers follow arXiv's own "Export BibTeX citation" layout (`eprint`,
 * `archivePrefix`, `primaryClass`) so biblatex and natbib styles print them as preprints. Notes are
 * private and never exported; tags become `keywords`.
 */
import type { StoredPaper } from '../model/paper.ts';
import { assignCitationKeys, citationKeyOf } from './citation-keys.ts';
import { escapeLatex, keywordsValue, protectTitle, verbatimValue } from './latex-escape.ts';
import { isOrganisationName } from './names.ts';
import { oneLine, paperUrl, paperYear } from './paper-facts.ts';
import type { ExportItem } from './types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Entry types an arXiv record may be re-labelled from once a journal is known.
const PREPRINT_TYPES = new Set(['misc', 'article', 'unpublished', 'online', 'preprint']);
const BOOKTITLE_TYPES = new Set(['inproceedings', 'conference', 'incollection', 'inbook']);

type Field = [name: string, value: string, raw?: boolean];

function entryType(paper: StoredPaper): string {
  const imported = paper.entryType?.toLowerCase().replace(/[^a-z]/g, '') || null;
  const published = Boolean(paper.venue || paper.journalRef);
  if (paper.arxivId && (!imported || PREPRINT_TYPES.has(imported))) return published ? 'article' : 'misc';
  return imported ?? (published ? 'article' : 'misc');
}

function authorName(name: string): string {
  const text = escapeLatex(oneLine(name));
  // Braces keep a collective name whole; a lone " and " inside a name would otherwise split it.
  return isOrganisationName(name) || /\sand\s/i.test(name) ? `{${text}}` : text;
}

function authorField(paper: StoredPaper): string | null {
  const names = paper.authors.map(authorName);
  if (names.length === 0) return paper.organization ? `{${escapeLatex(oneLine(paper.organization))}}` : null;
  // Listings sometimes name only the first authors of a longer list.
  if (paper.authorCount !== null && paper.authorCount > names.length) names.push('others');
  return names.join(' and ');
}

function venueField(type: string, paper: StoredPaper): Field | null {
  const venue = paper.venue ?? paper.journalRef;
  if (!venue) return null;
  const value = escapeLatex(oneLine(venue));
  if (BOOKTITLE_TYPES.has(type)) return ['booktitle', value];
  if (type === 'article') return ['journal', value];
  return ['howpublished', value];
}

function fields(paper: StoredPaper, type: string, tags: readonly string[]): Field[] {
  const out: Field[] = [['title', protectTitle(oneLine(paper.title))]];
  const author = authorField(paper);
  if (author) out.push(['author', author]);
  const year = paperYear(paper);
  if (year !== null) out.push(['year', String(year)]);
  const month = MONTHS[Number(paper.published?.slice(5, 7)) - 1];
  if (month) out.push(['month', month, true]);
  const venue = venueField(type, paper);
  if (venue) out.push(venue);
  if (paper.arxivId) {
    out.push(['eprint', verbatimValue(paper.arxivId)], ['archivePrefix', 'arXiv']);
    if (paper.primaryCategory) out.push(['primaryClass', escapeLatex(paper.primaryCategory)]);
  }
  if (paper.doi) out.push(['doi', verbatimValue(paper.doi)]);
  const url = paperUrl(paper);
  if (url) out.push(['url', verbatimValue(url)]);
  if (tags.length > 0) out.push(['keywords', keywordsValue(tags)]);
  if (paper.abstract.trim()) out.push(['abstract', escapeLatex(oneLine(paper.abstract))]);
  return out;
}

function entry(key: string, item: ExportItem): string {
  const type = entryType(item.paper);
  const lines = fields(item.paper, type, item.annotation?.tags ?? []).map(
    ([name, value, raw]) => `  ${name} = ${raw ? value : `{${value}}`},`,
  );
  return `@${type}{${key},\n${lines.join('\n')}\n}\n`;
}

/** One entry per paper, in the given order, separated by blank lines. */
export function exportBibtex(items: ExportItem[]): string {
  const keys = assignCitationKeys(items.map((item) => item.paper));
  return items.map((item) => entry(citationKeyOf(keys, item.paper), item)).join('\n');
}
