/*
 * Inputs of a few hundred bytes to a few hundred KB that once froze an import for seconds to
 * minutes: each is now refused (or read) at once. Budgets are generous; the figures are printed.
 */
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/importers/index.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { rejectionOf } from './rejection.ts';

const BUDGET_MS = 5_000;

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    const ms = performance.now() - started;
    console.log(`${label}: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BUDGET_MS);
  }
}

/** The recorded listing up to the end of its second paper, then a last paper without a trailer. */
function listingEndingWith(abstract: string): string {
  const lines = readFixture('hf-papers-page.txt').split('\n');
  return `${lines.slice(0, 27).join('\n')}\nA last paper\n\n${abstract}\n`;
}

describe('hostile input', () => {
  it('refuses a listing whose last abstract is a long run of "http://" at once', () => {
    // `https?:\/\/\S+$` retried from every "http://": 112 KB took 4 s, this 300 KB ~30 s.
    const text = listingEndingWith(`${'http://'.repeat(43_000)} cut`);
    const error = timed('listing ending in 300 KB of "http://"', () => rejectionOf(() => parseImport(text, { today: '2026-11-26' })));
    expect(error.message).toMatch(/^hf-page: line \d+: the text ends inside the abstract of the last paper \("A last paper"\): it looks cut off$/);
  });

  it('still reads a last abstract that ends in a link or a sentence, and refuses a bare "http://"', () => {
    const read = (abstract: string) => parseImport(listingEndingWith(abstract), { today: '2026-11-26' }).papers.at(-1)?.abstract;
    expect(read('Code at https://github.com/x/y')).toBe('Code at https://github.com/x/y');
    expect(read('We show it works (see http://a.b/c).')).toBe('We show it works (see http://a.b/c).');
    expect(read('Ends with “quotes”')).toBe('Ends with “quotes”');
    expect(rejectionOf(() => read('Code at http://')).message).toMatch(/ends inside the abstract/);
    expect(rejectionOf(() => read('Link http://x.y and then some')).message).toMatch(/ends inside the abstract/);
  });

  it('refuses chained @string doublings before expanding them', () => {
    // 576 bytes; the parser used to spend 95 s and 3.4 GB on it before failing.
    const lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}'];
    for (let i = 1; i <= 22; i++) lines.push(`@string{s${i} = s${i - 1} # s${i - 1}}`);
    lines.push('@misc{k, title = s22}');
    const error = timed('576-byte @string doubling chain', () => rejectionOf(() => parseImport(lines.join('\n'))));
    expect(error.message).toBe('bibtex: line 18: @string references nest more than 16 deep: the file is too complex to import');
  });

  it('refuses shallow @string references that multiply past the size cap', () => {
    const lines = [
      `@string{s0 = "${'x'.repeat(500)}"}`,
      `@string{s1 = ${Array(60).fill('s0').join(' # ')}}`,
      `@string{s2 = ${Array(60).fill('s1').join(' # ')}}`,
      '@misc{k, title = s2 # s2}',
    ];
    const error = timed('1 KB of @string multiplications', () => rejectionOf(() => parseImport(lines.join('\n'))));
    expect(error.message).toMatch(/^bibtex: line 4: @string references would expand the file to more than \d+ MB of text: the file is too complex to import$/);
  });

  it('still expands ordinary @string use: nested journal names, many entries naming one string', () => {
    const entries = Array.from({ length: 2_000 }, (_, i) => `@article{k${i}, title = {Paper ${i}}, journal = jml # " " # vol, month = jan}`);
    const text = ['@string{base = "Journal of Machine Learning"}', '@string{jml = "The " # base}', '@string{vol = {Vol. 2}}', ...entries].join('\n');
    const parsed = parseImport(text);
    expect(parsed.papers).toHaveLength(2_000);
    expect(parsed.papers[1_999]?.venue).toBe('The Journal of Machine Learning Vol. 2');
  });
});
