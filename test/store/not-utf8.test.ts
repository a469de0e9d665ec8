import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

/*
 * A file saved as Latin-1 by another editor is not UTF-8. Read as UTF-8 it shows U+FFFD, and written
 * back that way the original characters would be gone: the original bytes go to backups/ first.
 */

const ID = '2508.07662';

function backupsHolding(dir: string, bytes: Buffer): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'backups'));
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.bak') && readFileSync(join(dir, 'backups', name)).equals(bytes));
}

describe('files that are not valid UTF-8', () => {
  it('a Latin-1 note is copied to backups/ before an unrelated tag rewrites it', async () => {
    const dir = tempDir();
    const library = await Library.open(dir);
    await library.importText({ text: readFixture('arxiv-2508.07662.bib') });
    mkdirSync(join(dir, 'notes'), { recursive: true });
    const latin1 = Buffer.from(`---\nid: "${ID}"\ntitle: "x"\ntags: []\n---\nCafé crème, naïve résumé\n`, 'latin1');
    writeFileSync(join(dir, 'notes', `${ID}.md`), latin1);
    const reopened = await Library.open(dir);
    await reopened.annotate.addTags(ID, ['unrelated']);
    expect(backupsHolding(dir, latin1)).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', 'backups.log'), 'utf8')).toContain('not valid UTF-8');
    // The rewritten note is UTF-8 now and carries the new tag; the original bytes are safe.
    expect(readFileSync(join(dir, 'notes', `${ID}.md`), 'utf8')).toContain('"unrelated"');
    await reopened.annotate.addTags(ID, ['another']);
    expect(backupsHolding(dir, latin1)).toHaveLength(1);
  });

  it('a Latin-1 settings.json is moved to backups/ with a warning, not rewritten with U+FFFD', () => {
    const dir = tempDir();
    const latin1 = Buffer.from('{"ui":{"query":"économie"}}', 'latin1');
    writeFileSync(join(dir, 'settings.json'), latin1);
    const settings = new SettingsStore(dir);
    expect(settings.problems.join('\n')).toMatch(/settings\.json was not valid UTF-8: moved it to backups/);
    expect(backupsHolding(dir, latin1)).toHaveLength(1);
    settings.saveUiState({ query: 'économie' });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('\uFFFD');
  });
});
