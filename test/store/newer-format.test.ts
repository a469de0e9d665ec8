/**
 * A library written by a newer Papershelf is refused, not repaired: for a newer manifest, segment
 * index, annotations.json or subscriptions.json, every command exits with one line saying so and the
 * data folder is byte for byte what it was (nothing moved to backups/, rebuilt or rewritten).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEGMENT_INDEX_VERSION } from '../../src/search/index/segment-index-codec.ts';
import { cli } from '../cli/run-cli.ts';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';

/** Every file and folder under `dir` with the hash of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        found.set(`${relative(dir, path)}/`, 'folder');
        walk(path);
      } else {
        found.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(dir);
  return found;
}

/** A library with papers, a star, a tag, a note and a follow. */
async function library(): Promise<{ dir: string; id: string }> {
  const dir = tempDir();
  expect((await cli(dir, ['import', fixturePath('hf-daily-papers-2026-06-12.json')])).code).toBe(0);
  const id = (await cli(dir, ['list', '--json', '--limit', '1'])).json<{ results: Array<{ id: string }> }>().results[0]!.id;
  expect((await cli(dir, ['star', id])).code).toBe(0);
  expect((await cli(dir, ['tag', id, 'kept'])).code).toBe(0);
  expect((await cli(dir, ['note', id, '--append', 'my words'])).code).toBe(0);
  writeFileSync(join(dir, 'subscriptions.json'), `${JSON.stringify({ schemaVersion: 1, sources: {}, follows: [] })}\n`);
  return { dir, id };
}

function bumpJsonVersion(path: string, key: string, version: number): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...json, [key]: version }));
}

/** Same length, so only the version tells it apart from the file this version wrote. */
function bumpIndexVersion(path: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(`"version":${SEGMENT_INDEX_VERSION}`);
  expect(at).toBeGreaterThan(0);
  bytes.write('"version":7', at, 'latin1');
  writeFileSync(path, bytes);
}

async function expectRefused(dir: string, commands: string[][], file: string, format: number): Promise<void> {
  const before = snapshot(dir);
  for (const args of commands) {
    const run = await cli(dir, args);
    expect([1, 2], `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
    expect(run.stderr, args.join(' ')).toBe(`papershelf: this library was written by a newer Papershelf (format ${format} in ${file}); update Papershelf\n`);
    expect(snapshot(dir), args.join(' ')).toEqual(before);
  }
}

describe('a library written by a newer Papershelf', () => {
  it('with a newer manifest: refused, nothing moved or rebuilt', async () => {
    const { dir, id } = await library();
    bumpJsonVersion(join(dir, 'papers', 'manifest.json'), 'schemaVersion', 3);
    const commands = [['list'], ['search', 'learning'], ['show', id], ['stats'], ['import', fixturePath('arxiv-2508.07662.bib')], ['export', '--format', 'json']];
    await expectRefused(dir, commands, 'papers/manifest.json', 3);
  });

  it('with a newer segment index: refused, nothing moved or re-indexed', async () => {
    const { dir, id } = await library();
    const index = readdirSync(join(dir, 'papers')).find((name) => name.endsWith('.idx'))!;
    bumpIndexVersion(join(dir, 'papers', index));
    const commands = [['list'], ['search', 'learning'], ['import', fixturePath('arxiv-2508.07662.bib')]];
    await expectRefused(dir, commands, `papers/${index}`, 7);
    // Showing one paper reads its line without the index: allowed, and it changes nothing either.
    const before = snapshot(dir);
    await cli(dir, ['show', id]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('with a newer annotations.json: refused, the star and tags left as they are', async () => {
    const { dir, id } = await library();
    bumpJsonVersion(join(dir, 'annotations.json'), 'schemaVersion', 2);
    const commands = [['list'], ['star', id], ['tag', id, 'more'], ['note', id, '--append', 'more words'], ['export', '--format', 'json']];
    await expectRefused(dir, commands, 'annotations.json', 2);
  });

  it('with a newer subscriptions.json: refused, the follows left as they are', async () => {
    const { dir } = await library();
    bumpJsonVersion(join(dir, 'subscriptions.json'), 'schemaVersion', 4);
    const commands = [['following'], ['follow', 'arxiv', 'cat:cs.LG'], ['unfollow', 'hf-daily']];
    await expectRefused(dir, commands, 'subscriptions.json', 4);
  });
});
