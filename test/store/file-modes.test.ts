import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newFollow } from '../../src/library/fetch-follows.ts';
import { Library } from '../../src/library/library.ts';
import { moveToBackups } from '../../src/store/backups.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

/* Notes and annotations are private writing: files 0600, folders 0700, whatever the umask allows more. */

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe.skipIf(process.platform === 'win32')('file modes of the data folder', () => {
  it('creates data files 0600 and folders 0700', async () => {
    const dir = join(tempDir(), 'library');
    const library = await Library.open(dir);
    await library.importText({ text: readFixture('arxiv-2508.07662.bib') });
    await library.annotate.addTags('2508.07662', ['private']);
    await library.annotate.setNote('2508.07662', 'first');
    await library.annotate.setNote('2508.07662', 'second');
    SubscriptionStore.open(dir).add(newFollow({ kind: 'hf-daily' }, '2026-01-01T00:00:00.000Z', '2026-01-01'));
    new SettingsStore(dir).saveUiState({ query: 'x' });
    writeFileSync(join(dir, 'broken.json'), 'x');
    moveToBackups(dir, join(dir, 'broken.json'), 'test');
    const history = readdirSync(join(dir, 'note-history')).map((name) => `note-history/${name}`);
    expect(history).toHaveLength(1);
    for (const file of ['annotations.json', 'notes/2508.07662.md', 'settings.json', 'subscriptions.json', 'backups/backups.log', ...history]) {
      expect(mode(join(dir, file)), file).toBe(0o600);
    }
    for (const folder of ['papers', 'notes', 'backups', 'note-history']) expect(mode(join(dir, folder)), folder).toBe(0o700);
  });

  it('leaves an existing folder with a stricter mode as it is', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    chmodSync(join(dir, 'notes'), 0o300);
    const library = await Library.open(dir);
    await library.importText({ text: readFixture('arxiv-2508.07662.bib') });
    await library.annotate.setNote('2508.07662', 'still private');
    expect(mode(join(dir, 'notes'))).toBe(0o300);
    expect(mode(join(dir, 'notes', '2508.07662.md'))).toBe(0o600);
  });
});
