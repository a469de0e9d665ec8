import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../src/pdfs/read-pdf-in-worker.ts';
import { FulltextIndex } from '../../../src/search/fulltext/fulltext-index.ts';
import { rankFulltext, fulltextTree } from '../../../src/search/fulltext/fulltext-query.ts';
import { updateFulltext } from '../../../src/search/fulltext/fulltext-update.ts';
import { parseSearch } from '../../../src/search/query/parse-search.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { writePdf } from './fulltext-library.ts';

const reader = new PdfReader();
afterAll(() => reader.close());

function found(dir: string, query: string): string[] {
  const index = new FulltextIndex(dir);
  const root = parseSearch(query).root!;
  return rankFulltext(index.current(), fulltextTree(root, true), (id, phrase) => index.holdsPhrase(id, phrase))
    .ranked.map((hit) => hit.id)
    .sort();
}

describe('the full-text index follows pdfs/', () => {
  it('reads only new or replaced PDFs, forgets removed ones, and keeps few segments', { timeout: 120_000 }, async () => {
    const dir = tempDir('papershelf-fulltext-update-');
    writePdf(dir, '2601.00001', [['alpha one'], ['beta one']]);
    writePdf(dir, '2601.00002', [['alpha two']]);
    writePdf(dir, '2601.00003', [[]]);
    const first = await updateFulltext(dir, { reader });
    expect(first).toMatchObject({ extracted: 3, indexed: 2, removed: 0, searchable: 2, pages: 3 });
    expect(first.unsearchable).toEqual([{ id: '2601.00003', reason: 'no text layer; scanned?' }]);
    expect(found(dir, 'alpha')).toEqual(['2601.00001', '2601.00002']);

    const again = await updateFulltext(dir, { reader });
    expect(again).toMatchObject({ extracted: 0, indexed: 0, removed: 0, searchable: 2 });

    // Replaced by another file: read again, and its old words leave the index.
    writePdf(dir, '2601.00002', [['gamma two, a longer replacement']]);
    const replaced = await updateFulltext(dir, { reader });
    expect(replaced).toMatchObject({ extracted: 1, indexed: 1 });
    expect(found(dir, 'alpha')).toEqual(['2601.00001']);
    expect(found(dir, 'gamma')).toEqual(['2601.00002']);

    for (let i = 4; i < 14; i++) {
      writePdf(dir, `2601.000${String(i).padStart(2, '0')}`, [[`delta paper ${i}`]]);
      await updateFulltext(dir, { reader });
    }
    expect(found(dir, 'delta')).toHaveLength(10);
    const segments = readdirSync(join(dir, 'fulltext')).filter((name) => name.endsWith('.idx'));
    expect(segments.length).toBeLessThanOrEqual(6);
  });
});
