/**
 * CSL-JSON export, the input of citeproc, pandoc and Zotero. Ids are the same citation keys as the
 * BibTeX export. Unknown values are left out rather than written as null, which CSL-JSON's schema
 * does not allow. arXiv numbers are written `arXiv:<id>`, arXiv's recommended citation form, which
 * citation styles print as is.
 */
import type { StoredPaper } from '../model/paper.ts';
import { assignCitationKeys, citationKeyOf } from './citation-keys.ts';
import { splitName } from './names.ts';
import { dateParts, oneLine, paperUrl, paperYear } from './paper-facts.ts';
import type { ExportItem } from './types.ts';

export type CslName =
  | { family: string; given?: string; 'non-dropping-particle'?: string; suffix?: string }
  | { literal: string };

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  abstract?: string;
  URL?: string;
  DOI?: string;
  number?: string;
  publisher?: string;
  'container-title'?: string;
  keyword?: string;
}

const TYPES: Record<string, string> = {
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  book: 'book',
  incollection: 'chapter',
  inbook: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
};

function cslType(paper: StoredPaper): string {
  const imported = TYPES[paper.entryType?.toLowerCase() ?? ''];
  if (imported) return imported;
  return paper.venue || paper.journalRef ? 'article-journal' : 'article';
}

export function cslName(raw: string): CslName {
  const split = splitName(raw);
  if (split.kind === 'literal') return { literal: split.literal };
  const name: CslName = { family: split.family };
  if (split.given) name.given = split.given;
  if (split.particle) name['non-dropping-particle'] = split.particle;
  if (split.suffix) name.suffix = split.suffix;
  return name;
}

function authors(paper: StoredPaper): CslName[] | undefined {
  if (paper.authors.length > 0) return paper.authors.map(cslName);
  return paper.organization ? [{ literal: oneLine(paper.organization) }] : undefined;
}

function issued(paper: StoredPaper): CslItem['issued'] {
  const parts = dateParts(paper.published);
  if (parts) return { 'date-parts': [parts] };
  const year = paperYear(paper);
  return year === null ? undefined : { 'date-parts': [[year]] };
}

function cslItem(id: string, item: ExportItem): CslItem {
  const { paper } = item;
  const type = cslType(paper);
  const out: CslItem = { id, type, title: oneLine(paper.title) };
  const author = authors(paper);
  if (author) out.author = author;
  const date = issued(paper);
  if (date) out.issued = date;
  if (paper.abstract.trim()) out.abstract = oneLine(paper.abstract);
  const url = paperUrl(paper);
  if (url) out.URL = url;
  if (paper.doi) out.DOI = paper.doi;
  if (paper.arxivId) out.number = `arXiv:${paper.arxivId}`;
  if (paper.arxivId && type === 'article') out.publisher = 'arXiv';
  const venue = paper.venue ?? paper.journalRef;
  if (venue && type !== 'article') out['container-title'] = oneLine(venue);
  const tags = item.annotation?.tags ?? [];
  if (tags.length > 0) out.keyword = tags.join(', ');
  return out;
}

export function toCslItems(items: ExportItem[]): CslItem[] {
  const keys = assignCitationKeys(items.map((item) => item.paper));
  return items.map((item) => cslItem(citationKeyOf(keys, item.paper), item));
}

/** A CSL-JSON array, one item per paper in the given order. */
export function exportCslJson(items: ExportItem[]): string {
  return `${JSON.stringify(toCslItems(items), null, 2)}\n`;
}
