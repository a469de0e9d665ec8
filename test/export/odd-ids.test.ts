/**
 * Paper ids that name Object.prototype's properties (`__proto__`, `constructor`) are papers like any
 * other: their star, tags and note survive a backup export and re-import, and every export format
 * carries them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportItems, EXPORT_FORMATS } from '../../src/export/index.ts';
import { exportJsonBackup } from '../../src/export/json-backup.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/importers/backup-schema.ts';
import { parseJsonBackup } from '../../src/importers/json-backup.ts';
import { cli } from '../cli/run-cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { annotation, stored } from './export-items.ts';
import type { ExportItem } from '../../src/export/types.ts';

const ODD_IDS = ['__proto__', 'constructor', 'hasOwnProperty'];

function oddItems(): ExportItem[] {
  return ODD_IDS.map((id, i) => ({
    paper: stored(id, { title: `Odd paper number ${i}`, abstract: `About ${id}.`, authors: ['Ada Lovelace'], published: '2025-01-0' + (i + 1) }),
    annotation: annotation({ starred: true, tags: [`tag-${i}`], status: 'read' }),
    note: `My note on ${id}.\n`,
  }));
}

describe('papers with ids that are Object property names', () => {
  it('keep their star, tags and note through a backup and back', () => {
    const text = exportJsonBackup(oddItems(), '2026-03-01T12:00:00.000Z');
    expect(Object.keys((JSON.parse(text) as { annotations: object }).annotations)).toEqual(ODD_IDS);
    const read = parseJsonBackup(text);
    expect(read.warnings).toEqual([]);
    const annotations = read.backup!.annotations;
    expect(Object.keys(annotations)).toEqual(ODD_IDS);
    ODD_IDS.forEach((id, i) => {
      expect(Object.hasOwn(annotations, id)).toBe(true);
      expect(annotations[id]).toEqual({ starred: true, tags: [`tag-${i}`], status: 'read', updatedAt: '2026-02-01T08:30:00.000Z', note: `My note on ${id}.\n` });
    });
  });

  it('appear with their tags and notes in every export format', () => {
    for (const format of EXPORT_FORMATS) {
      const text = exportItems(format, oddItems(), '2026-03-01T12:00:00.000Z');
      for (const id of ODD_IDS) expect(text, `${format}: ${id}`).toContain(`paper number ${ODD_IDS.indexOf(id)}`);
      if (format !== 'csl-json') ODD_IDS.forEach((_, i) => expect(text, format).toContain(`tag-${i}`));
    }
  });

  it('survive import, export and re-import through the CLI', async () => {
    const first = tempDir();
    const backup = join(first, 'backup.json');
    const items = oddItems();
    const file = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: '2026-03-01T12:00:00.000Z',
      papers: items.map((item) => item.paper),
      annotations: Object.fromEntries(items.map((item) => [item.paper.id, { ...item.annotation!, note: item.note }])),
    };
    writeFileSync(backup, JSON.stringify(file, null, 2));
    expect(Object.keys((JSON.parse(readFileSync(backup, 'utf8')) as { annotations: object }).annotations)).toEqual(ODD_IDS);
    const imported = await cli(first, ['import', backup]);
    expect(imported.code, imported.stderr).toBe(0);
    const exported = await cli(first, ['export', '--format', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    const second = tempDir();
    writeFileSync(join(second, 'again.json'), exported.stdout);
    expect((await cli(second, ['import', join(second, 'again.json')])).code).toBe(0);
    for (const [i, id] of ODD_IDS.entries()) {
      const shown = await cli(second, ['show', id, '--json']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.json(), id).toMatchObject({ id, starred: true, tags: [`tag-${i}`], status: 'read', note: `My note on ${id}.\n` });
    }
    const markdown = await cli(second, ['export', '--format', 'markdown', '--starred']);
    for (const id of ODD_IDS) expect(markdown.stdout).toContain(`paper number ${ODD_IDS.indexOf(id)}`);
  });
});

describe('backup ids', () => {
  const backupWith = (id: string) =>
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: '2026-03-01T12:00:00.000Z',
      papers: [stored('2501.00001', { title: 'Fine' }), stored(id, { title: 'Odd' })],
      annotations: {},
    });

  it('follow the contract: an id it could not address is refused with one clear line', async () => {
    expect(() => parseJsonBackup(backupWith('x'.repeat(301)))).toThrow(/^json: papers\[1\]\.id: .*300 characters \(this one has 301\)$/);
    expect(() => parseJsonBackup(backupWith(' 2501.00002'))).toThrow('json: papers[1].id: a paper id cannot have spaces around it');
    expect(() => parseJsonBackup(backupWith(''))).toThrow(/^json: papers\[1\]\.id: .*empty/);
    expect(parseJsonBackup(backupWith('x'.repeat(300))).backup?.papers).toHaveLength(2);
    const dir = tempDir();
    writeFileSync(join(dir, 'long.json'), backupWith('y'.repeat(400)));
    const run = await cli(dir, ['import', join(dir, 'long.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^papershelf: .*papers\[1\]\.id: .*300 characters \(this one has 400\)\n$/);
    expect((await cli(dir, ['list', '--json'])).json()).toMatchObject({ total: 0 });
  });

  it('as annotation keys follow the same rule', () => {
    const file = JSON.parse(backupWith('2501.00002')) as { annotations: Record<string, unknown> };
    file.annotations['z'.repeat(301)] = { starred: true, tags: [], status: null, updatedAt: '2026-02-01T08:30:00.000Z', note: null };
    expect(() => parseJsonBackup(JSON.stringify(file))).toThrow(/^json: annotations\.z+: .*300 characters \(this one has 301\)$/);
  });
});
