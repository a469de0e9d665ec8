/**
 * A reading list in Markdown, in the order the library gives. Text from listings is escaped so a
 * title cannot open a link or emphasis; the user's note keeps its Markdown but sits in a block quote,
 * so its own headings render inside the quote instead of starting a new entry.
 */
import type { StoredPaper } from '../model/paper.ts';
import { oneLine, paperUrl } from './paper-facts.ts';
import type { ExportItem } from './types.ts';

export interface MarkdownOptions {
  title?: string;
  generatedAt?: string;
}

const SHOWN_AUTHORS = 3;

/** Backslash-escapes the punctuation that would start Markdown syntax inside a line of text. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
}

// Only web links: an imported `javascript:` URL must not become a clickable link. A DOI resolves too.
function link(paper: StoredPaper): string | null {
  const url = paperUrl(paper) ?? (paper.doi ? `https://doi.org/${paper.doi}` : null);
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return `<${url.replace(/[<>]/g, encodeURIComponent)}>`;
}

function authorLine(paper: StoredPaper): string | null {
  const total = Math.max(paper.authors.length, paper.authorCount ?? 0);
  if (paper.authors.length > 0) {
    const shown = paper.authors.slice(0, SHOWN_AUTHORS).map(escapeMarkdown).join(', ');
    return total > SHOWN_AUTHORS || total > paper.authors.length ? `${shown} et al.` : shown;
  }
  if (paper.organization) return escapeMarkdown(paper.organization);
  return total > 0 ? `${total} author${total === 1 ? '' : 's'}` : null;
}

function quote(note: string): string {
  return note
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

function section(item: ExportItem): string {
  const { paper, annotation, note } = item;
  const star = annotation?.starred ? '★ ' : '';
  const parts = [`## ${star}${escapeMarkdown(paper.title) || '(untitled)'}`];
  const url = link(paper);
  if (url) parts.push(url);
  const details: [string, string | null][] = [
    ['Authors', authorLine(paper)],
    ['Date', paper.published],
    ['Status', annotation?.status ?? null],
    ['Tags', annotation && annotation.tags.length > 0 ? annotation.tags.map(escapeMarkdown).join(', ') : null],
  ];
  const list = details.filter(([, value]) => value).map(([label, value]) => `- **${label}:** ${value}`);
  if (list.length > 0) parts.push(list.join('\n'));
  if (note?.trim()) parts.push(quote(note));
  return parts.join('\n\n');
}

export function exportMarkdown(items: ExportItem[], options: MarkdownOptions = {}): string {
  const count = `${items.length} paper${items.length === 1 ? '' : 's'}`;
  const header = [
    `# ${escapeMarkdown(options.title ?? 'Reading list')}`,
    options.generatedAt ? `_${count} · exported ${escapeMarkdown(options.generatedAt)}_` : `_${count}_`,
  ];
  return `${[...header, ...items.map(section)].join('\n\n')}\n`;
}
