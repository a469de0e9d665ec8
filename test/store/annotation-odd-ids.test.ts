/**
 * annotations.json keeps papers whose ids are Object property names (`__proto__`, `constructor`):
 * through the line codec, the full decoder, the salvage of a damaged file and the version-0 migration.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/model/paper.ts';
import { AnnotationCodec } from '../../src/store/annotation-codec.ts';
import { migrateAnnotations } from '../../src/store/annotation-migrations.ts';
import { salvageAnnotationEntries } from '../../src/store/annotation-salvage.ts';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { tempDir } from '../helpers/fixtures.ts';

const T = '2025-01-01T00:00:00.000Z';
const ODD_IDS = ['__proto__', 'constructor', 'toString'];
const starredWith = (tag: string): Annotation => ({ starred: true, tags: [tag], status: 'reading', updatedAt: T });

describe('annotations of papers with ids that are Object property names', () => {
  it('round-trip through the line codec', () => {
    const papers = new Map(ODD_IDS.map((id) => [id, starredWith(id)]));
    const written = new AnnotationCodec().encode(papers).toString('utf8');
    expect(new AnnotationCodec().decode(written)).toEqual(papers);
  });

  it('survive the store writing, reopening, and reading a file in another layout', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    for (const id of ODD_IDS) store.update(id, () => starredWith(id));
    const reopened = AnnotationStore.open(dir);
    for (const id of ODD_IDS) expect(reopened.get(id), id).toEqual(starredWith(id));
    // The same content written by another program (one object, pretty-printed) goes through the full decoder.
    const path = join(dir, 'annotations.json');
    writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 2));
    const decoded = AnnotationStore.open(dir);
    expect(decoded.problems).toEqual([]);
    for (const id of ODD_IDS) expect(decoded.get(id), id).toEqual(starredWith(id));
  });

  it('are salvaged from a damaged file', () => {
    const text = `{"schemaVersion": 1, "papers": {${ODD_IDS.map((id) => `${JSON.stringify(id)}: ${JSON.stringify(starredWith(id))}`).join(', ')}, "cut`;
    const found = salvageAnnotationEntries(text);
    expect([...found.keys()]).toEqual(ODD_IDS);
    expect(found.get('__proto__')).toEqual(starredWith('__proto__'));
  });

  it('survive the version-0 migration', () => {
    const v0 = JSON.parse(`{${ODD_IDS.map((id) => `${JSON.stringify(id)}: ${JSON.stringify(starredWith(id))}`).join(', ')}}`) as Record<string, unknown>;
    const migrated = migrateAnnotations(v0, 0, 'annotations.json') as { papers: Record<string, unknown> };
    expect(Object.keys(migrated.papers)).toEqual(ODD_IDS);
    for (const id of ODD_IDS) expect(Object.hasOwn(migrated.papers, id) && migrated.papers[id]).toEqual(starredWith(id));
  });
});
