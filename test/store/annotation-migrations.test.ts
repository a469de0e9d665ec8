import { describe, expect, it } from 'vitest';
import { NewerFormatError } from '../../src/model/errors.ts';
import {
  CURRENT_SCHEMA_VERSION,
  migrateAnnotations,
  MIGRATIONS,
  NewerSchemaError,
  schemaVersionOf,
} from '../../src/store/annotation-migrations.ts';

const starred = { starred: true, tags: ['RL'], status: 'reading', updatedAt: '2025-01-02T03:04:05.000Z' };

describe('annotation migrations', () => {
  it('has one step for every version below the current one', () => {
    expect(Object.keys(MIGRATIONS).map(Number).sort()).toEqual([...Array(CURRENT_SCHEMA_VERSION).keys()]);
  });

  it('0 -> 1: an electron-store map of id -> annotation moves under "papers"', () => {
    const v0 = {
      '2508.07662': starred,
      'hep-th/9901001': { starred: false, tags: ['strings'] },
      __internal__: { migrations: { version: '0.1.0' } },
    };
    expect(MIGRATIONS[0]?.(v0)).toEqual({
      schemaVersion: 1,
      papers: { '2508.07662': starred, 'hep-th/9901001': { starred: false, tags: ['strings'] } },
    });
  });

  it('0 -> 1: the empty file electron-store creates becomes an empty library', () => {
    expect(MIGRATIONS[0]?.({})).toEqual({ schemaVersion: 1, papers: {} });
  });

  it('reads the version: missing means 0, anything but a positive integer is invalid', () => {
    expect(schemaVersionOf({})).toBe(0);
    expect(schemaVersionOf({ schemaVersion: 1, papers: {} })).toBe(1);
    expect(schemaVersionOf({ schemaVersion: 7 })).toBe(7);
    expect(schemaVersionOf({ schemaVersion: '1' })).toBeNull();
    expect(schemaVersionOf({ schemaVersion: 1.5 })).toBeNull();
    expect(schemaVersionOf({ schemaVersion: 0 })).toBeNull();
  });

  it('runs the chain up to the current version and leaves a current document alone', () => {
    const current = { schemaVersion: 1, papers: { a: starred } };
    expect(migrateAnnotations(current, 1, 'annotations.json')).toBe(current);
    expect(migrateAnnotations({ a: starred }, 0, 'annotations.json')).toEqual(current);
  });

  it('refuses a document from a newer version with a message that says what to do', () => {
    const newer = () => migrateAnnotations({ schemaVersion: 2, papers: {} }, 2, 'annotations.json');
    expect(newer).toThrow(NewerSchemaError);
    expect(newer).toThrow(NewerFormatError);
    expect(newer).toThrow('this library was written by a newer Papershelf (format 2 in annotations.json); update Papershelf');
  });
});
