/** Realistic papers for corpus tests: the recorded HF Daily Papers response (30 papers). */
import type { StoredPaper } from '../../src/model/paper.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { dailyPapers } from './paper-factory.ts';

export { makePaper } from './paper-factory.ts';

export function fixturePapers(): StoredPaper[] {
  return dailyPapers(readFixture('hf-daily-papers-2026-06-12.json'));
}
