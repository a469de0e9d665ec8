import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewerFormatError } from '../../../src/model/errors.ts';
import { ALIASES_FILE, aliasesOf, PaperAliasStore, resolveAlias, withMoves } from '../../../src/store/paper-aliases.ts';
import { tempDir } from '../../helpers/fixtures.ts';

describe('alias maps', () => {
  it('follows a chain of moves to where the paper lives now', () => {
    const aliases = withMoves(new Map(), [
      { from: 't:georef-referring-expressions-in-geometry', to: 't:georef-2025' },
      { from: 't:georef-2025', to: '2509.21050' },
    ]);
    expect(resolveAlias(aliases, 't:georef-referring-expressions-in-geometry')).toBe('2509.21050');
    expect(resolveAlias(aliases, 't:georef-2025')).toBe('2509.21050');
    expect(resolveAlias(aliases, '2509.21050')).toBe('2509.21050');
    expect(resolveAlias(aliases, 't:unknown')).toBe('t:unknown');
    expect(aliasesOf(aliases, '2509.21050')).toEqual(['t:georef-2025', 't:georef-referring-expressions-in-geometry']);
    // Chains are stored flat, so a lookup is one step.
    expect([...aliases.values()]).toEqual(['2509.21050', '2509.21050']);
  });

  it('makes an id a paper lives under again no alias, so no loop can form', () => {
    const there = withMoves(new Map(), [{ from: 't:a', to: 't:b' }]);
    const back = withMoves(there, [{ from: 't:b', to: 't:a' }]);
    expect([...back]).toEqual([['t:b', 't:a']]);
    expect(resolveAlias(back, 't:a')).toBe('t:a');
    expect(resolveAlias(back, 't:b')).toBe('t:a');
  });

  it('ignores a move to itself, and a loop in a damaged map resolves to the id asked', () => {
    expect(withMoves(new Map(), [{ from: 'x', to: 'x' }]).size).toBe(0);
    const loop = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(resolveAlias(loop, 'a')).toBe('a');
  });
});

describe('PaperAliasStore', () => {
  it('records moves in a private file with a schemaVersion, seen by every other store of the folder', async () => {
    const dir = tempDir();
    const store = PaperAliasStore.open(dir);
    const other = PaperAliasStore.open(dir);
    expect(other.resolve('t:toolrl-reward-is-all-tool-learning-needs')).toBe('t:toolrl-reward-is-all-tool-learning-needs');
    await store.record([{ from: 't:toolrl-reward-is-all-tool-learning-needs', to: '2504.13958' }]);
    const path = join(dir, ALIASES_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ schemaVersion: 1, aliases: { 't:toolrl-reward-is-all-tool-learning-needs': '2504.13958' } });
    expect(other.resolve('t:toolrl-reward-is-all-tool-learning-needs')).toBe('2504.13958');
    expect(other.aliasesOf('2504.13958')).toEqual(['t:toolrl-reward-is-all-tool-learning-needs']);
    await other.record([{ from: '2504.13958', to: '2504.13958' }, { from: 't:x', to: 't:y' }]);
    expect(store.resolve('t:x')).toBe('t:y');
    expect(store.problems).toEqual([]);
  });

  it('refuses a file from a newer version and leaves it as it is', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 2, aliases: { 't:a': 'b' }, more: true });
    writeFileSync(join(dir, ALIASES_FILE), text);
    expect(() => PaperAliasStore.open(dir)).toThrow(NewerFormatError);
    expect(readFileSync(join(dir, ALIASES_FILE), 'utf8')).toBe(text);
  });

  it('moves a damaged file to backups, reports it and keeps every alias it could read', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 1, aliases: { 't:good': '2501.00001', 't:bad': 42, '': 'x' } });
    writeFileSync(join(dir, ALIASES_FILE), text);
    const store = PaperAliasStore.open(dir);
    expect(store.resolve('t:good')).toBe('2501.00001');
    expect(store.problems[0]).toMatch(/^aliases\.json: alias "t:bad" dropped .*: moved it to backups[/\\]aliases\.json\..*\.bak and kept 1 alias$/);
    const backups = readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', backups[0] ?? ''), 'utf8')).toBe(text);
    expect(JSON.parse(readFileSync(join(dir, ALIASES_FILE), 'utf8'))).toEqual({ schemaVersion: 1, aliases: { 't:good': '2501.00001' } });
  });

  it('moves a file that is not JSON aside and starts empty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, ALIASES_FILE), '{"schemaVersion": 1, "aliases": {"t:a": "b"');
    const store = PaperAliasStore.open(dir);
    expect(store.problems[0]).toMatch(/^aliases\.json is not valid JSON .*: moved it to backups.* and kept 0 aliases$/);
    expect(store.resolve('t:a')).toBe('t:a');
  });
});
