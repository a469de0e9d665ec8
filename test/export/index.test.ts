import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportItems, isExportFormat } from '../../src/export/index.ts';
import { gliclassItem } from './export-items.ts';

const NOW = '2026-03-01T12:00:00.000Z';

describe('exportItems', () => {
  it('dispatches each format to its exporter', () => {
    const items = [gliclassItem()];
    expect(exportItems('bibtex', items, NOW)).toMatch(/^@misc\{stepanov2025gliclass,/);
    expect(JSON.parse(exportItems('csl-json', items, NOW))[0].id).toBe('stepanov2025gliclass');
    expect(exportItems('markdown', items, NOW)).toContain(`exported ${NOW}`);
    expect(JSON.parse(exportItems('json', items, NOW))).toMatchObject({ format: 'papershelf-backup', exportedAt: NOW });
  });

  it('gives the same text for the same library and time', () => {
    for (const format of EXPORT_FORMATS) {
      expect(exportItems(format, [gliclassItem()], NOW)).toBe(exportItems(format, [gliclassItem()], NOW));
    }
  });

  it('recognises exactly the export formats', () => {
    expect(EXPORT_FORMATS.every(isExportFormat)).toBe(true);
    expect(isExportFormat('ris')).toBe(false);
  });
});
