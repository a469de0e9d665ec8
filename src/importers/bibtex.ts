import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { ImportFormatError } from '../model/errors.ts';
import { emptyPaperFields, type PaperFields } from '../model/paper.ts';
import { arxivAbsUrl, arxivIdFromUrl, arxivIdInText, arxivPdfUrl, parseArxivId } from './arxiv-id.ts';
import { scanBibtex } from './bibtex-scan.ts';
import { checkStringExpansion } from './bibtex-strings.ts';
import { lineCounter } from './line-counter.ts';
import { ImportCollector } from './result.ts';
import { formatDay, isoDay, normalizeAbstract, normalizeTitle, textOrNull } from './text.ts';
import type { Importer, ParsedImport } from './types.ts';

const FORMAT = 'bibtex';

/*
 * The parser renders LaTeX markup as HTML (`\emph{x}` -> `<i>x</i>`) and, like TeX's old fonts,
 * turns a literal `<` into `¡`. Literal angle brackets are swapped for private-use characters
 * before parsing and restored after the markup is stripped, so `From <Answer> to <Think>` survives.
 */
const LT = '\uE000';
const GT = '\uE001';

function plain(value: string | undefined, paragraphs = false): string {
  let text = value ?? '';
  if (paragraphs) text = text.replace(/<\/?p>/g, '\n\n');
  return text.replace(/<[^<>]*>/g, '').replaceAll(LT, '<').replaceAll(GT, '>');
}

function field(entry: Entry, name: string): string | null {
  const value = entry.fields[name];
  return typeof value === 'string' ? textOrNull(normalizeTitle(plain(value))) : null;
}

function creatorName(c: Creator): string {
  if (c.name) return normalizeTitle(plain(c.name));
  const name = [c.firstName, c.prefix, c.lastName].filter(Boolean).map((p) => plain(p)).join(' ');
  return normalizeTitle(c.suffix ? `${name}, ${plain(c.suffix)}` : name);
}

/** `YYYY-MM-DD` from biblatex `date`, else `year` (+ `month`, `day`); unknown parts become 01. */
function publishedDay(entry: Entry): string | null {
  const date = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(field(entry, 'date') ?? '');
  const year = Number(date?.[1] ?? /^\d{4}$/.exec(field(entry, 'year') ?? '')?.[0]);
  if (!year) return null;
  const month = Number(date ? date[2] : field(entry, 'month'));
  const day = Number(date ? date[3] : field(entry, 'day'));
  const knownMonth = Number.isInteger(month) && month >= 1 && month <= 12 ? month : 1;
  return isoDay(formatDay(year, knownMonth, day || 1)) ?? formatDay(year, knownMonth, 1);
}

function arxivOf(entry: Entry) {
  const archive = (field(entry, 'archiveprefix') ?? field(entry, 'eprinttype') ?? 'arxiv').toLowerCase();
  const eprint = archive === 'arxiv' ? parseArxivId(field(entry, 'eprint')) : null;
  return eprint ?? arxivIdFromUrl(field(entry, 'url')) ?? arxivIdInText(field(entry, 'journal')) ?? arxivIdInText(field(entry, 'note'));
}

function toPaper(entry: Entry, title: string): PaperFields {
  // BibTeX's `and others` means "more authors follow", not a person called Others.
  const named = (entry.fields.author ?? []).map(creatorName).filter(Boolean);
  const authors = named.filter((name) => name.toLowerCase() !== 'others');
  const arxiv = arxivOf(entry);
  // "arXiv preprint arXiv:2508.07662" names the archive, not a venue.
  const venue = [field(entry, 'journal'), field(entry, 'journaltitle'), field(entry, 'booktitle')].find((v) => v && !/^arxiv\b/i.test(v));
  const doi = field(entry, 'doi')?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '') ?? null;
  return {
    ...emptyPaperFields(title),
    arxivId: arxiv?.id ?? null,
    version: arxiv?.version ?? null,
    abstract: normalizeAbstract(plain(entry.fields.abstract, true)),
    authors,
    authorCount: authors.length || null,
    published: publishedDay(entry),
    url: field(entry, 'url') ?? (arxiv ? arxivAbsUrl(arxiv.id) : null),
    pdfUrl: arxiv ? arxivPdfUrl(arxiv.id) : null,
    doi: textOrNull(doi),
    primaryCategory: field(entry, 'primaryclass') ?? field(entry, 'eprintclass'),
    keywords: (entry.fields.keywords ?? []).map((k) => normalizeTitle(plain(k))).filter(Boolean),
    venue: venue ?? null,
    entryType: entry.type.toLowerCase(),
    citationKey: entry.key || null,
  };
}

export function parseBibtex(source: string): ParsedImport {
  const directives = scanBibtex(source);
  if (directives.length === 0) {
    throw new ImportFormatError(FORMAT, null, 'no BibTeX entries found (an entry starts like @article{key, ...})');
  }
  checkStringExpansion(source, directives);
  const protect = !source.includes(LT) && !source.includes(GT);
  const text = protect ? source.replaceAll('<', LT).replaceAll('>', GT) : source;
  const unknownCommands: string[] = [];
  const library = parse(text, {
    sentenceCase: false,
    fieldMode: { abstract: 'richtext' },
    // Unknown commands keep their argument text (`\foo{bar}` -> `bar`) and are reported.
    unsupported: (node, tex, entry) => {
      unknownCommands.push(`entry ${JSON.stringify(entry.key)}: unknown LaTeX ${tex.slice(0, 40)} left out`);
      return node.type === 'macro' ? '' : tex;
    },
  });
  const error = library.errors[0];
  if (error) {
    const at = error.input ? text.indexOf(error.input) : -1;
    const detail = plain(error.error).split('\n')[0]!.replace(/ at line \d+, column \d+/, '');
    throw new ImportFormatError(FORMAT, at >= 0 ? `line ${lineCounter(text)(at)}` : null, detail);
  }
  const out = new ImportCollector(FORMAT);
  const lineAt = lineCounter(text);
  let cursor = 0;
  library.entries.forEach((entry, index) => {
    const at = entry.input ? text.indexOf(entry.input, cursor) : -1;
    if (at >= 0) cursor = at;
    const position = `entry ${index + 1} (${at >= 0 ? `line ${lineAt(at)}, ` : ''}key ${JSON.stringify(entry.key)})`;
    const title = field(entry, 'title');
    if (!title) out.skip(position, 'no title');
    else out.add(toPaper(entry, title));
  });
  for (const warning of [...new Set(unknownCommands)]) out.warn(null, warning);
  return out.result();
}

export const bibtexImporter: Importer = {
  format: FORMAT,
  detect(text) {
    return /^[ \t]*@[a-zA-Z]+[ \t]*[{(]/m.test(text.slice(0, 65536));
  },
  parse: parseBibtex,
};
