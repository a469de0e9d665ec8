import { describe, expect, it } from 'vitest';
import { exportJsonBackup } from '../../src/export/json-backup.ts';
import { parseJsonBackup } from '../../src/importers/json-backup.ts';
import { annotation, gliclassItem, godelItem, importedBibtexItem, titleOnlyItem } from './export-items.ts';

const EXPORTED_AT = '2026-03-01T12:00:00.000Z';

describe('exportJsonBackup', () => {
  it("round-trips through Papershelf's json importer: every paper exactly, annotations of touched papers only", () => {
    const noteOnly = godelItem();
    noteOnly.note = '# Only a note\n';
    const items = [gliclassItem(), noteOnly, titleOnlyItem(), importedBibtexItem()];
    const text = exportJsonBackup(items, EXPORTED_AT);
    const imported = parseJsonBackup(text);
    expect(imported.warnings).toEqual([]);
    expect(imported.backup?.papers).toEqual(items.map((item) => item.paper));
    expect(imported.backup?.annotations).toEqual({
      '2508.07662': { starred: true, tags: ['NLP', 'zero-shot'], status: 'to-read', updatedAt: '2026-02-01T08:30:00.000Z', note: gliclassItem().note },
      // A note alone carries the default annotation, dated no later than the paper itself.
      't:godel-numbers': { starred: false, tags: [], status: null, updatedAt: noteOnly.paper.addedAt, note: '# Only a note\n' },
      't:attention-is-all-you-need': { starred: false, tags: ['transformers'], status: 'read', updatedAt: '2026-02-01T08:30:00.000Z', note: null },
    });
    expect(JSON.parse(text)).toMatchObject({ format: 'papershelf-backup', version: 1, exportedAt: EXPORTED_AT });
  });

  it('keeps an annotation the user cleared, since clearing is a change too', () => {
    const item = titleOnlyItem();
    item.annotation = annotation();
    expect(parseJsonBackup(exportJsonBackup([item], EXPORTED_AT)).backup?.annotations).toEqual({
      't:a-title-only-paper': { starred: false, tags: [], status: null, updatedAt: '2026-02-01T08:30:00.000Z', note: null },
    });
  });

  it('writes only stored fields, so a paper object carrying extra properties still imports', () => {
    const item = gliclassItem();
    const withExtra = { ...item, paper: { ...item.paper, starred: true, score: 3 } };
    expect(parseJsonBackup(exportJsonBackup([withExtra], EXPORTED_AT)).backup?.papers).toEqual([item.paper]);
  });

  it('is an empty backup for no papers', () => {
    expect(JSON.parse(exportJsonBackup([], EXPORTED_AT))).toEqual({ format: 'papershelf-backup', version: 1, exportedAt: EXPORTED_AT, papers: [], annotations: {} });
    expect(parseJsonBackup(exportJsonBackup([], EXPORTED_AT)).backup).toEqual({ papers: [], annotations: {} });
  });
});
