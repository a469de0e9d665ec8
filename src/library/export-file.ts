/**
 * The file an export produces: its text, name and type. BibTeX, CSL-JSON, Markdown and the JSON
 * backup come from src/export; formatted references load citeproc and its locales, only for them.
 */
import type { ExportItem } from '../export/types.ts';

export type LibraryExportFormat = 'bibtex' | 'csl-json' | 'markdown' | 'json' | 'bibliography';

const EXPORT_FILES = {
  bibtex: { extension: 'bib', mimeType: 'application/x-bibtex' },
  'csl-json': { extension: 'json', mimeType: 'application/vnd.citationstyles.csl+json' },
  markdown: { extension: 'md', mimeType: 'text/markdown' },
  json: { extension: 'papershelf.json', mimeType: 'application/json' },
  bibliography: { extension: 'txt', mimeType: 'text/plain' },
} as const;

export async function exportFile(
  format: LibraryExportFormat,
  items: ExportItem[],
  citation: { style?: string | undefined; locale?: string | undefined } = {},
  now = new Date().toISOString(),
) {
  const { extension, mimeType } = EXPORT_FILES[format];
  let content: string;
  if (format === 'bibliography') {
    const { formatBibliography } = await import('../export/bibliography.ts');
    content = formatBibliography(items, citation.style ?? 'apa', citation.locale === undefined ? {} : { locale: citation.locale });
  } else {
    const { exportItems } = await import('../export/index.ts');
    content = exportItems(format, items, now);
  }
  return { content, fileName: `papershelf-${now.slice(0, 10)}.${extension}`, mimeType, count: items.length };
}
