import { describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../src/model/paper.ts';
import { parseArxivAtom } from '../../src/importers/arxiv-atom.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, backupFileSchema, type BackupFile } from '../../src/importers/backup-schema.ts';
import { parseJsonBackup } from '../../src/importers/json-backup.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

/** A backup as the exporter writes it, built from the recorded arXiv papers. */
function sampleBackup(): BackupFile {
  const papers: StoredPaper[] = parseArxivAtom(readFixture('arxiv-query-testing.xml')).papers.map((fields, i) => ({
    ...fields,
    id: fields.arxivId!,
    sources: i % 2 ? ['arxiv-atom', 'hf-json'] : ['arxiv-atom'],
    addedAt: `2026-06-0${1 + (i % 9)}T10:00:00.000Z`,
    modifiedAt: '2026-06-10T12:30:00.000Z',
  }));
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: '2026-06-11T08:00:00.000Z',
    papers,
    annotations: {
      [papers[0]!.id]: { starred: true, tags: ['Testing', 'to cite'], status: 'read', updatedAt: '2026-06-10T12:00:00.000Z', note: '# Notes\n\nGood *survey*.' },
      [papers[3]!.id]: { starred: false, tags: [], status: null, updatedAt: '2026-06-10T12:01:00.000Z', note: null },
    },
  };
}

const text = (file: unknown) => JSON.stringify(file, null, 2);

const rejection = (input: string) => rejectionOf(() => parseJsonBackup(input));

describe('json backup', () => {
  it('round-trips exactly: what is read writes back to the same text', () => {
    const file = sampleBackup();
    const written = text(file);
    const read = parseJsonBackup(written);
    expect(read.skipped).toBe(0);
    expect(read.warnings).toEqual([]);
    const rewritten = text({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: file.exportedAt, papers: read.backup!.papers, annotations: read.backup!.annotations });
    expect(rewritten).toBe(written);
    expect(backupFileSchema.parse(JSON.parse(written))).toEqual(file);
  });

  it('gives each paper its bibliographic fields', () => {
    const read = parseJsonBackup(text(sampleBackup()));
    expect(read.papers).toHaveLength(10);
    expect(read.papers[0]).not.toHaveProperty('id');
    expect(read.papers[0]).not.toHaveProperty('addedAt');
    const { id: _id, sources: _s, addedAt: _a, modifiedAt: _m, ...fields } = read.backup!.papers[0]!;
    expect(read.papers[0]).toEqual(fields);
  });

  it('skips a paper without a title together with its annotations, and drops orphan annotations', () => {
    const file = sampleBackup();
    file.papers[0]!.title = ' ';
    file.annotations['9999.99999'] = { starred: true, tags: [], status: null, updatedAt: '2026-06-10T12:00:00.000Z', note: null };
    const read = parseJsonBackup(text(file));
    expect(read.papers).toHaveLength(9);
    expect(read.skipped).toBe(1);
    expect(read.backup!.annotations).toEqual({ [file.papers[3]!.id]: file.annotations[file.papers[3]!.id] });
    expect(read.warnings).toEqual([
      'papers[0] (id "2202.12139"): no title (its annotations are left out too); skipped',
      'annotations: 1 belong to papers not in the backup and were left out: 9999.99999',
    ]);
  });

  it('rejects an invalid field, an unknown key or a duplicate id with its path', () => {
    const badDate = sampleBackup();
    badDate.papers[3]!.published = '2024-13-01';
    expect(rejection(text(badDate)).message).toBe('json: papers[3].published: expected a YYYY-MM-DD date');
    const extra = sampleBackup() as unknown as { papers: Record<string, unknown>[] };
    extra.papers[1]!['rating'] = 5;
    expect(rejection(text(extra)).message).toBe('json: papers[1]: Unrecognized key: "rating"');
    const badStatus = sampleBackup() as unknown as { annotations: Record<string, Record<string, unknown>> };
    badStatus.annotations['2202.12139']!['status'] = 'done';
    expect(rejection(text(badStatus)).message).toMatch(/^json: annotations\["2202\.12139"\]\.status: /);
    const missing = sampleBackup() as unknown as { papers: Record<string, unknown>[] };
    delete missing.papers[2]!['abstract'];
    expect(rejection(text(missing)).message).toBe('json: papers[2].abstract: missing');
    const twice = sampleBackup();
    twice.papers[5]!.id = twice.papers[1]!.id;
    expect(rejection(text(twice)).message).toBe(`json: papers[5].id: "${twice.papers[1]!.id}" appears twice (also papers[1])`);
  });

  it('rejects other files and newer versions', () => {
    expect(rejection('{"papers": []}').message).toMatch(/^json: not a Papershelf backup/);
    expect(rejection('[1, 2]').message).toMatch(/^json: not a Papershelf backup/);
    expect(rejection(text({ ...sampleBackup(), version: 2 })).message).toBe(
      'json: version: backup version 2 was written by a newer Papershelf; this one reads version 1',
    );
  });

  it('rejects a truncated backup and 50 MB of garbage with line and column', () => {
    const written = text(sampleBackup());
    const cut = written.slice(0, Math.floor(written.length / 2));
    const lastLine = cut.split('\n').length;
    expect(rejection(cut).message).toMatch(new RegExp(`^json: line ${lastLine}, column \\d+: the JSON ends too early \\(the file looks truncated\\)$`));
    expect(rejection(randomText(GARBAGE_BYTES, 19)).message).toMatch(/^json: line 1, column 1: invalid JSON near /);
  });
});
