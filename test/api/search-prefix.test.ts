import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import { Library } from '../../src/library/library.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

interface SearchAnswer {
  ok: boolean;
  value?: { total: number; results: Array<{ title: string; abstract?: string }> };
}

describe('search as you type through the contract', () => {
  it('prefixLast lets an unfinished last word match the words it begins; without it the word must be whole', async () => {
    const library = await Library.open(tempDir());
    await library.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
    const dispatch = createDispatch(library);
    const typed = (await dispatch('search', { query: 'spars', prefixLast: true })) as SearchAnswer;
    expect(typed.ok).toBe(true);
    expect(typed.value!.total).toBeGreaterThan(0);
    for (const hit of typed.value!.results) expect(`${hit.title} ${hit.abstract ?? ''}`).toMatch(/spars/i);
    const whole = (await dispatch('search', { query: 'spars' })) as SearchAnswer;
    expect(whole).toMatchObject({ ok: true, value: { total: 0 } });
    const finished = (await dispatch('search', { query: 'spars ', prefixLast: true })) as SearchAnswer;
    expect(finished).toMatchObject({ ok: true, value: { total: 0 } });
  });
});
