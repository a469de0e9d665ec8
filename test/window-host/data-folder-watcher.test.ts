import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderWatcher, type DataArea } from '../../src/window-host/data-folder-watcher.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** Writes like the stores do: a temporary file renamed over the target. */
function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const watchers: DataFolderWatcher[] = [];
afterEach(() => watchers.splice(0).forEach((watcher) => watcher.close()));

function watched(dir: string) {
  const seen: Array<Set<DataArea>> = [];
  const watcher = new DataFolderWatcher(dir, (areas) => seen.push(areas), 20);
  watchers.push(watcher);
  watcher.start();
  return { watcher, seen };
}

describe('DataFolderWatcher', () => {
  it('reports which areas another process changed', () => {
    const dir = tempDir();
    const { watcher, seen } = watched(dir);
    writeAtomically(join(dir, 'annotations.json'), '{"schemaVersion":1,"papers":{}}');
    watcher.check();
    mkdirSync(join(dir, 'notes'));
    writeAtomically(join(dir, 'notes', 'a.md'), 'note');
    mkdirSync(join(dir, 'papers'));
    writeAtomically(join(dir, 'papers', 'manifest.json'), '{}');
    watcher.check();
    expect(seen).toEqual([new Set(['annotations']), new Set(['notes', 'papers'])]);
  });

  it('ignores what the owner acknowledged as its own write, and files it does not care about', () => {
    const dir = tempDir();
    const { watcher, seen } = watched(dir);
    writeAtomically(join(dir, 'annotations.json'), '{}');
    watcher.acknowledge();
    writeFileSync(join(dir, 'settings.json'), '{}');
    writeFileSync(join(dir, 'write.lock'), '{}');
    watcher.check();
    expect(seen).toEqual([]);
  });

  it('notices a deleted note', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), 'x');
    const { watcher, seen } = watched(dir);
    renameSync(join(dir, 'notes', 'a.md'), join(dir, 'a.md.bak'));
    watcher.check();
    expect(seen).toEqual([new Set(['notes'])]);
  });

  it('notices changes by itself through the file system, in folders created after it started', async () => {
    const dir = tempDir();
    const seen: Array<Set<DataArea>> = [];
    const changed = new Promise<void>((resolve) => {
      const watcher = new DataFolderWatcher(dir, (areas) => {
        seen.push(areas);
        if (areas.has('notes')) resolve();
      }, 20);
      watchers.push(watcher);
      watcher.start();
    });
    // A check attaches to the new folder before it looks, so the note is seen whenever it lands.
    mkdirSync(join(dir, 'notes'));
    writeAtomically(join(dir, 'notes', 'b.md'), 'hello');
    await changed;
    expect(seen.some((areas) => areas.has('notes'))).toBe(true);
  });
});
