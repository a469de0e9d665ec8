import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

describe('Library.search orders', () => {
  it('sorted by date, the page is in date order and still carries highlight positions', async () => {
    const library = await Library.open(tempDir());
    await library.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
    const byRelevance = library.search('model', { limit: 100 });
    const byDate = library.search('model', { sort: 'date', limit: 5 });
    expect(byDate.total).toBe(byRelevance.total);
    const dates = byDate.results.map((r) => r.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    for (const result of byDate.results) {
      expect(result.matches.length).toBeGreaterThan(0);
      for (const match of result.matches.filter((m) => m.field === 'title' || m.field === 'abstract')) {
        const text = match.field === 'title' ? result.title : result.abstract;
        const [start, length] = match.positions[0]!;
        expect(text.slice(start, start + length).toLowerCase()).toMatch(/^model/);
      }
    }
    await library.close();
  });
});
