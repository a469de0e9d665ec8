import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn } from '../../src/importers/json-position.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { seededRandom } from './garbage.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locating JSON errors', () => {
  it('points at the offending character', () => {
    expect(jsonErrorOffset('[1, 2, x]')).toBe(7);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1] 2')).toBe(4);
    expect(jsonErrorOffset('["a\u0001"]')).toBe(3);
    expect(jsonErrorOffset('[{"a":1},')).toBe(9);
    expect(jsonErrorOffset('')).toBe(0);
    expect(lineColumn('[\n  1,\n  x]', 9)).toBe('line 3, column 3');
  });

  it('agrees with JSON.parse on thousands of damaged copies of a real response', () => {
    const original = readFixture('hf-daily-papers-2026-07-15.json');
    expect(jsonErrorOffset(original)).toBe(-1);
    const next = seededRandom(41);
    const junk = ['"', '{', '}', '[', ']', ',', ':', '\\', 'x', '0', '-', ' ', '\n'];
    for (let n = 0; n < 3000; n++) {
      const at = Math.floor(next() * original.length);
      const damaged = next() < 0.5
        ? original.slice(0, at) + junk[Math.floor(next() * junk.length)]! + original.slice(at + 1)
        : original.slice(0, at);
      const offset = jsonErrorOffset(damaged);
      expect(offset === -1, `damage at ${at}`).toBe(parses(damaged));
      if (offset >= 0) expect(offset).toBeLessThanOrEqual(damaged.length);
    }
  });

  it('survives deep nesting without recursion', () => {
    expect(jsonErrorOffset(`${'['.repeat(1_000_000)}x`)).toBe(1_000_000);
  });
});
