/*
 * A seeded fuzzer over every importer: each case either parses or is refused with one
 * ImportFormatError line, quickly. PAPERSHELF_FUZZ_CASES raises the count (default 300);
 * PAPERSHELF_FUZZ_SEED replays another sequence.
 */
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/importers/index.ts';
import { ImportFormatError } from '../../src/model/errors.ts';
import { seededRandom } from './garbage.ts';
import { mutate, seedInputs } from './fuzz-inputs.ts';

const CASES = Number(process.env.PAPERSHELF_FUZZ_CASES ?? 300);
const SEED = Number(process.env.PAPERSHELF_FUZZ_SEED ?? 20261129);
const CASE_BUDGET_MS = 3_000;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('importer fuzzing', () => {
  it(`${CASES} mutated inputs each parse or are refused with one line, in time`, () => {
    const seeds = seedInputs();
    for (const seed of seeds) expect(() => parseImport(seed, { today: '2026-11-26' })).not.toThrow();
    const next = seededRandom(SEED);
    const outcomes = { parsed: 0, refused: 0 };
    let slowest = 0;
    for (let n = 0; n < CASES; n++) {
      const text = mutate(seeds[n % seeds.length]!, seeds, next);
      const label = `case ${n} (seed ${SEED}): ${JSON.stringify(text.slice(0, 120))}`;
      const started = performance.now();
      try {
        const parsed = parseImport(text, { today: '2026-11-26' });
        outcomes.parsed++;
        for (const paper of parsed.papers) expect(LONE_SURROGATE.test(paper.title + paper.abstract + paper.authors.join()), label).toBe(false);
      } catch (error) {
        outcomes.refused++;
        expect(error, `${label}: ${String(error)}`).toBeInstanceOf(ImportFormatError);
        const message = (error as ImportFormatError).message;
        expect(message, label).not.toMatch(/[\r\n]/);
        expect(message.length, label).toBeLessThanOrEqual(300);
        expect(LONE_SURROGATE.test(message), label).toBe(false);
      }
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      expect(ms, label).toBeLessThan(CASE_BUDGET_MS);
    }
    console.log(`fuzz: ${CASES} cases (seed ${SEED}), ${outcomes.parsed} parsed, ${outcomes.refused} refused; slowest ${slowest.toFixed(0)} ms`);
  }, 600_000);
});
