import { exportBibtex } from './bibtex.ts';
import { exportCslJson } from './csl-json.ts';
import { exportJsonBackup } from './json-backup.ts';
import { exportMarkdown } from './markdown.ts';
import type { ExportItem } from './types.ts';

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** `now` (ISO) dates the Markdown list and the backup, so the same call always gives the same text. */
export function exportItems(format: ExportFormat, items: ExportItem[], now: string): string {
  switch (format) {
    case 'bibtex':
      return exportBibtex(items);
    case 'csl-json':
      return exportCslJson(items);
    case 'markdown':
      return exportMarkdown(items, { generatedAt: now });
    case 'json':
      return exportJsonBackup(items, now);
  }
}

export type { ExportItem } from './types.ts';
