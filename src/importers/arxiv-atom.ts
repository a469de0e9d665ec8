import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportFormatError } from '../model/errors.ts';
import { emptyPaperFields, type PaperFields } from '../model/paper.ts';
import { arxivAbsUrl, arxivIdFromUrl, arxivPdfUrl } from './arxiv-id.ts';
import { lineCounter } from './line-counter.ts';
import { ImportCollector } from './result.ts';
import { isoDay, normalizeAbstract, normalizeTitle, textOrNull } from './text.ts';
import type { Importer, ParsedImport } from './types.ts';

const FORMAT = 'arxiv-atom';

/** The feed's OpenSearch paging numbers, which the online fetcher needs to page through a query. */
export interface AtomFeedInfo {
  totalResults: number | null;
  startIndex: number | null;
  itemsPerPage: number | null;
}

export interface ArxivAtomImport extends ParsedImport {
  feed: AtomFeedInfo;
}

// Older arXiv responses declare `xmlns:arxiv` / `xmlns:opensearch` on each element, and other tools
// pick other prefixes; dropping prefixes reads them all alike. No Atom, arXiv or OpenSearch element
// names collide, so nothing is lost.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'entry' || name === 'author' || name === 'category' || name === 'link',
});

type XmlNode = Record<string, unknown>;

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an element, whether or not it carries attributes (`<title type="html">`). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value)) return text(value['#text']);
  return '';
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [];
}

function attr(node: unknown, name: string): string {
  return isNode(node) ? text(node[`@_${name}`]) : '';
}

function count(value: unknown): number | null {
  const n = Number.parseInt(text(value).trim(), 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Syntax errors, with a plain message for the common case of a response cut off mid-way. */
function validate(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result === true) return;
  const { msg, line, col } = result.err;
  const trimmed = xml.trimEnd();
  const lastLine = (): number => lineCounter(xml)(trimmed.length);
  const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(msg);
  if (unclosed) {
    const tags = unclosed[1]!.replace(/[\s"]/g, '').split(',').filter(Boolean);
    throw new ImportFormatError(FORMAT, `line ${lastLine()}`, `the XML ends before <${tags.at(-1)}> is closed (the file looks truncated)`);
  }
  // A whole document ends with a closing tag; an error on a last line that does not was a cut.
  const cut = !trimmed.endsWith('>') && line === lastLine();
  const where = `line ${line ?? 1}${col ? `, column ${col}` : ''}`;
  throw new ImportFormatError(FORMAT, where, `malformed XML${cut ? ' at the very end (the file looks truncated)' : ''}: ${msg}`);
}

function readFeed(xml: string): XmlNode {
  validate(xml);
  const doc: unknown = parser.parse(xml);
  const feed = isNode(doc) ? doc['feed'] : undefined;
  if (feed === undefined) {
    const root = isNode(doc) ? Object.keys(doc).find((k) => !k.startsWith('?')) : undefined;
    throw new ImportFormatError(FORMAT, null, `expected an Atom <feed>, found ${root ? `<${root}>` : 'no element'}`);
  }
  return isNode(feed) ? feed : {};
}

function isErrorEntry(entry: XmlNode): boolean {
  return normalizeTitle(text(entry['title'])) === 'Error' && /\/api\/errors/.test(text(entry['id']));
}

function toPaper(entry: XmlNode, position: string, out: ImportCollector): PaperFields | null {
  const title = normalizeTitle(text(entry['title']));
  const idText = text(entry['id']).trim();
  if (!title) {
    out.skip(`${position}${idText ? ` (${idText})` : ''}`, 'no title');
    return null;
  }
  const links = nodes(entry['link']);
  const alternate = links.find((l) => attr(l, 'rel') === 'alternate');
  const pdf = links.find((l) => attr(l, 'title') === 'pdf');
  const arxiv = arxivIdFromUrl(idText) ?? arxivIdFromUrl(attr(alternate, 'href'));
  if (!arxiv) out.warn(position, `id ${JSON.stringify(idText)} is not an arXiv abstract link; kept without an arXiv id`);
  const authors = nodes(entry['author']).map((a) => normalizeTitle(text(a['name']))).filter(Boolean);
  const categories = nodes(entry['category']).map((c) => attr(c, 'term').trim()).filter(Boolean);
  return {
    ...emptyPaperFields(title),
    arxivId: arxiv?.id ?? null,
    version: arxiv?.version ?? null,
    abstract: normalizeAbstract(text(entry['summary'])),
    authors,
    authorCount: authors.length || null,
    published: isoDay(text(entry['published'])),
    updated: isoDay(text(entry['updated'])),
    url: arxiv ? arxivAbsUrl(arxiv.id) : textOrNull(attr(alternate, 'href')),
    pdfUrl: arxiv ? arxivPdfUrl(arxiv.id) : textOrNull(attr(pdf, 'href')),
    doi: textOrNull(text(entry['doi'])),
    journalRef: textOrNull(normalizeTitle(text(entry['journal_ref']))),
    arxivComment: textOrNull(normalizeTitle(text(entry['comment']))),
    primaryCategory: textOrNull(attr(entry['primary_category'], 'term')) ?? categories[0] ?? null,
    categories,
  };
}

/** Papers from an arXiv API response. An error feed or malformed XML throws ImportFormatError. */
export function parseArxivAtom(xml: string): ArxivAtomImport {
  const feed = readFeed(xml);
  const entries = nodes(feed['entry']);
  const error = entries.find(isErrorEntry);
  if (error) {
    const detail = normalizeTitle(text(error['summary'])) || 'no detail given';
    throw new ImportFormatError(FORMAT, `entry ${entries.indexOf(error) + 1}`, `arXiv answered with an error: ${detail}`);
  }
  const out = new ImportCollector(FORMAT);
  entries.forEach((entry, index) => {
    const paper = toPaper(entry, `entry ${index + 1}`, out);
    if (paper) out.add(paper);
  });
  return {
    ...out.result(),
    feed: { totalResults: count(feed['totalResults']), startIndex: count(feed['startIndex']), itemsPerPage: count(feed['itemsPerPage']) },
  };
}

/** `opensearch:totalResults` of an arXiv API response (null when absent). */
export function readAtomTotalResults(xml: string): number | null {
  return parseArxivAtom(xml).feed.totalResults;
}

export const arxivAtomImporter: Importer = {
  format: FORMAT,
  detect(text) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
    return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?feed[\s>/]/.test(head);
  },
  parse: parseArxivAtom,
};
