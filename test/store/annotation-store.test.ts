import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/model/paper.ts';
import { NewerSchemaError } from '../../src/store/annotation-migrations.ts';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { tempDir } from '../helpers/fixtures.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const star = (a: Annotation): Annotation => ({ ...a, starred: true });
const tag = (...tags: string[]) => (a: Annotation): Annotation => ({ ...a, tags: [...a.tags, ...tags] });

function annotationsPath(dir: string): string {
  return join(dir, 'annotations.json');
}

function backups(dir: string): string[] {
  return existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.bak')) : [];
}

function onDisk(dir: string): { schemaVersion: number; papers: Record<string, Annotation> } {
  return JSON.parse(readFileSync(annotationsPath(dir), 'utf8')) as { schemaVersion: number; papers: Record<string, Annotation> };
}

describe('AnnotationStore basics', () => {
  it('starts empty without creating a file, and writes on the first change', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    expect(store.all()).toEqual({});
    expect(existsSync(annotationsPath(dir))).toBe(false);
    const result = store.update('2508.07662', star);
    expect(result.starred).toBe(true);
    expect(onDisk(dir)).toEqual({ schemaVersion: 1, papers: { '2508.07662': result } });
    expect(store.problems).toEqual([]);
  });

  it('keys by ids with slashes, colons and dots, and tags keep the user’s spelling once', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('hep-th/9901001', tag(' String Theory ', 'string theory', 'QFT'));
    store.update('t:attention-is-all-you-need', (a) => ({ ...a, status: 'reading' }));
    expect(store.get('hep-th/9901001')?.tags).toEqual(['String Theory', 'QFT']);
    expect(AnnotationStore.open(dir).all()).toEqual(store.all());
    expect(Object.keys(onDisk(dir).papers).sort()).toEqual(['hep-th/9901001', 't:attention-is-all-you-need']);
  });

  it('removes an entry that becomes empty', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('a', (x) => ({ ...x, starred: true, tags: ['RL'] }));
    store.update('a', (x) => ({ ...x, starred: false, tags: [] }));
    expect(store.get('a')).toBeUndefined();
    expect(onDisk(dir).papers).toEqual({});
  });

  it('does not rewrite the file when a change changes nothing', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('a', star);
    const before = statSync(annotationsPath(dir), { bigint: true });
    expect(store.update('a', star).starred).toBe(true);
    const after = statSync(annotationsPath(dir), { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
  });

  it('keeps an updatedAt the caller restores (backup import) and stamps it otherwise', () => {
    const store = AnnotationStore.open(tempDir());
    expect(store.update('a', (x) => ({ ...x, starred: true, updatedAt: T1 })).updatedAt).toBe(T1);
    const later = store.update('a', tag('new'));
    expect(later.updatedAt > T1).toBe(true);
  });

  it('hands out copies: mutating a result does not change the store', () => {
    const store = AnnotationStore.open(tempDir());
    store.update('a', tag('x'));
    const got = store.get('a');
    got?.tags.push('sneaky');
    store.all().a?.tags.push('sneaky');
    expect(store.get('a')?.tags).toEqual(['x']);
  });

  it('applies many changes in one write', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('a', tag('ML'));
    store.update('b', tag('ml', 'vision'));
    const rename = (x: Annotation): Annotation => ({ ...x, tags: x.tags.map((t) => (t.toLowerCase() === 'ml' ? 'Machine Learning' : t)) });
    store.updateMany(new Map([['a', rename], ['b', rename]]));
    expect(onDisk(dir).papers.a?.tags).toEqual(['Machine Learning']);
    expect(onDisk(dir).papers.b?.tags).toEqual(['Machine Learning', 'vision']);
  });

  it('writes a file electron-store (conf) reads as it is', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('2508.07662', tag('RL'));
    store.update('hep-th/9901001', star);
    const conf = new Conf({ cwd: dir, configName: 'annotations', accessPropertiesByDotNotation: false });
    expect(conf.get('schemaVersion')).toBe(1);
    expect(conf.get('papers')).toEqual(store.all());
  });
});

describe('two stores (two processes) on one folder', () => {
  it('see each other’s changes and never undo them', () => {
    const dir = tempDir();
    const app = AnnotationStore.open(dir);
    const cli = AnnotationStore.open(dir);
    app.update('a', star);
    expect(cli.get('a')?.starred).toBe(true);
    cli.update('a', tag('from-cli'));
    app.update('b', tag('from-app'));
    expect(app.get('a')).toMatchObject({ starred: true, tags: ['from-cli'] });
    expect(cli.all()).toEqual(app.all());
    expect(Object.keys(onDisk(dir).papers).sort()).toEqual(['a', 'b']);
  });
});

describe('rekey', () => {
  it('moves an annotation to the new id', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    const before = store.update('t:some-title', (a) => ({ ...a, starred: true, tags: ['RL'], updatedAt: T1 }));
    store.rekey('t:some-title', '2508.07662');
    expect(store.get('t:some-title')).toBeUndefined();
    expect(store.get('2508.07662')).toEqual(before);
    expect(Object.keys(onDisk(dir).papers)).toEqual(['2508.07662']);
  });

  it('merges when both ids are annotated', () => {
    const store = AnnotationStore.open(tempDir());
    store.update('t:some-title', (a) => ({
      ...a,
      starred: true,
      tags: ['RL', 'survey'],
      status: 'read',
      updatedAt: '2025-03-01T00:00:00.000Z',
    }));
    store.update('2508.07662', (a) => ({ ...a, tags: ['rl', 'agents'], status: 'to-read', updatedAt: '2025-02-01T00:00:00.000Z' }));
    store.rekey('t:some-title', '2508.07662');
    expect(store.all()).toEqual({
      '2508.07662': { starred: true, tags: ['rl', 'agents', 'survey'], status: 'read', updatedAt: expect.any(String) },
    });
  });

  it('does nothing when the old id has no annotation', () => {
    const store = AnnotationStore.open(tempDir());
    store.update('2508.07662', star);
    store.rekey('t:unknown', '2508.07662');
    store.rekey('2508.07662', '2508.07662');
    expect(Object.keys(store.all())).toEqual(['2508.07662']);
  });
});

describe('a damaged annotations.json', () => {
  const good = { starred: true, tags: ['RL'], status: 'read', updatedAt: T1 };
  const alsoGood = { starred: false, tags: ['vision'], status: null, updatedAt: T1 };

  function expectMovedAside(dir: string, store: AnnotationStore, original: string): void {
    const moved = backups(dir);
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', moved[0] ?? ''), 'utf8')).toBe(original);
    expect(store.problems[0]).toContain(`moved it to ${join('backups', moved[0] ?? '')}`);
    // The repaired file is valid again, and a second open finds nothing to report.
    expect(AnnotationStore.open(dir).problems).toEqual([]);
  }

  it('that does not parse: moved aside, reported, and every whole entry recovered', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 1, papers: { '2508.07662': good, 'hep-th/9901001': alsoGood, lost: good } }, null, '\t');
    const truncated = text.slice(0, text.indexOf('"lost"') + 20);
    writeFileSync(annotationsPath(dir), truncated);
    const store = AnnotationStore.open(dir);
    expect(store.all()).toEqual({ '2508.07662': good, 'hep-th/9901001': alsoGood });
    expect(store.problems[0]).toMatch(/annotations\.json is not valid JSON .*recovered 2 annotated papers/);
    expectMovedAside(dir, store, truncated);
    expect(onDisk(dir).papers).toEqual(store.all());
  });

  it('with some bad entries: keeps the good ones and the good fields of the bad ones', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 1, papers: { a: good, b: 'starred', c: { ...alsoGood, status: 'finished' } } });
    writeFileSync(annotationsPath(dir), text);
    const store = AnnotationStore.open(dir);
    expect(store.all()).toEqual({ a: good, c: { ...alsoGood, status: null } });
    expect(store.problems.join('\n')).toMatch(
      /has 2 invalid entries[\s\S]*paper "b": not an annotation[\s\S]*paper "c": invalid "status" "finished"/,
    );
    expectMovedAside(dir, store, text);
  });

  it('of the wrong shape: salvages the entries wherever they are', () => {
    const dir = tempDir();
    const text = JSON.stringify([{ a: good }, { b: alsoGood }]);
    writeFileSync(annotationsPath(dir), text);
    const store = AnnotationStore.open(dir);
    expect(store.all()).toEqual({ a: good, b: alsoGood });
    expect(store.problems[0]).toMatch(/does not hold an object/);
    expectMovedAside(dir, store, text);
  });

  it('that is empty: moved aside and reported, never silently reset', () => {
    const dir = tempDir();
    writeFileSync(annotationsPath(dir), '');
    const store = AnnotationStore.open(dir);
    expect(store.all()).toEqual({});
    expect(store.problems[0]).toMatch(/annotations\.json is empty.*recovered 0 annotated papers/);
    expectMovedAside(dir, store, '');
  });

  it('damaged by another program while a store is open: recovered at the next update', () => {
    const dir = tempDir();
    const store = AnnotationStore.open(dir);
    store.update('a', star);
    const text = readFileSync(annotationsPath(dir), 'utf8');
    writeFileSync(annotationsPath(dir), text.slice(0, -3));
    store.update('b', star);
    expect(Object.keys(store.all()).sort()).toEqual(['a', 'b']);
    expect(store.problems).toHaveLength(1);
    expect(backups(dir)).toHaveLength(1);
  });

  it('from a newer version: refused, left untouched, not backed up', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 2, papers: { a: good }, colours: {} });
    writeFileSync(annotationsPath(dir), text);
    expect(() => AnnotationStore.open(dir)).toThrow(NewerSchemaError);
    expect(readFileSync(annotationsPath(dir), 'utf8')).toBe(text);
    expect(backups(dir)).toEqual([]);
  });

  it('ignores and removes a temporary file a killed writer left', () => {
    const dir = tempDir();
    AnnotationStore.open(dir).update('a', star);
    // A pid far above any real one: its writer is certainly gone.
    const leftover = join(dir, 'annotations.json.tmp-999999999-abcdef');
    writeFileSync(leftover, '{"schemaVersion": 1, "papers": {"half');
    const store = AnnotationStore.open(dir);
    expect(Object.keys(store.all())).toEqual(['a']);
    expect(store.problems).toEqual([]);
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('migrating an older annotations.json', () => {
  it('copies the file to backups, then rewrites it in the current layout', () => {
    const dir = tempDir();
    const v0 = JSON.stringify({ '2508.07662': { starred: true, tags: ['RL'], status: 'reading', updatedAt: T1 } }, null, '\t');
    writeFileSync(annotationsPath(dir), v0);
    const store = AnnotationStore.open(dir);
    expect(store.get('2508.07662')).toEqual({ starred: true, tags: ['RL'], status: 'reading', updatedAt: T1 });
    expect(store.problems).toEqual([]);
    expect(onDisk(dir)).toEqual({ schemaVersion: 1, papers: store.all() });
    const copies = backups(dir);
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', copies[0] ?? ''), 'utf8')).toBe(v0);
    expect(readFileSync(join(dir, 'backups', 'backups.log'), 'utf8')).toContain('before migrating from schema version 0');
    AnnotationStore.open(dir);
    expect(backups(dir)).toHaveLength(1);
  });
});
