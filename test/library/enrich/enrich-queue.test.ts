import { describe, expect, it } from 'vitest';
import { afterRun, dueForEnrichment, type EnrichAttempt } from '../../../src/library/enrich/enrich-queue.ts';
import { samplePapers } from './sample-arxiv.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('the enrichment queue', () => {
  it('asks about papers never asked, and about unknown ones again only after a week', () => {
    const [a, b, c] = samplePapers();
    if (!a || !b || !c) throw new Error('the sample has papers');
    const now = Date.parse('2026-07-16T00:00:00.000Z');
    const attempts = new Map<string, EnrichAttempt>([
      [b.id, { at: new Date(now - 2 * DAY).toISOString(), outcome: 'unresolved' }],
      [c.id, { at: new Date(now - 8 * DAY).toISOString(), outcome: 'ambiguous' }],
    ]);
    expect(dueForEnrichment([a, b, c], attempts, now).map((p) => p.id)).toEqual([a.id, c.id]);
    expect(dueForEnrichment([a, b, c], new Map(), now)).toHaveLength(3);
  });

  it('drops resolved papers from the queue and dates the others', () => {
    const before = new Map<string, EnrichAttempt>([['t:x', { at: '2026-01-01T00:00:00.000Z', outcome: 'unresolved' }]]);
    const after = afterRun(
      before,
      {
        resolved: [{ from: 't:x', to: '2601.00001', title: 'X', arxivAbstract: null }],
        unresolved: [{ id: 't:y', title: 'Y', reason: 'arXiv has no paper with this title' }],
        ambiguous: [{ id: 't:z', title: 'Z', candidates: ['1', '2'] }],
        requests: 1,
        warnings: [],
      },
      '2026-07-16T00:00:00.000Z',
    );
    expect([...after]).toEqual([
      ['t:y', { at: '2026-07-16T00:00:00.000Z', outcome: 'unresolved' }],
      ['t:z', { at: '2026-07-16T00:00:00.000Z', outcome: 'ambiguous' }],
    ]);
  });
});
