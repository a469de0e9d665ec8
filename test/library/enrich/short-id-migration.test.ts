import { describe, expect, it } from 'vitest';
import { needsShortId, planShortIds, withShortIdsForNew } from '../../../src/library/enrich/short-id-migration.ts';
import { resolveAlias, withMoves } from '../../../src/store/paper-aliases.ts';
import { samplePapers } from './sample-arxiv.ts';

describe('planShortIds', () => {
  it('moves every long title key of the sample to a short id and keeps the old one as an alias', () => {
    const papers = samplePapers();
    const long = papers.filter((paper) => paper.id.length > 24);
    const plan = planShortIds(papers, papers.map((paper) => paper.id));
    expect(plan.remove.sort()).toEqual(long.map((paper) => paper.id).sort());
    expect(plan.upsert).toHaveLength(long.length);
    const georef = plan.upsert.find((paper) => paper.title.startsWith('GeoRef'));
    expect(georef?.id).toBe('t:georef-2025');
    // Nothing but the id changes.
    const before = papers.find((paper) => paper.title.startsWith('GeoRef'));
    expect({ ...georef, id: before?.id }).toEqual(before);
    const aliases = withMoves(new Map(), plan.rekeys);
    expect(resolveAlias(aliases, before?.id ?? '')).toBe('t:georef-2025');
  });

  it('leaves short title keys, arXiv papers and papers already moved alone, and avoids taken ids', () => {
    const [first, second] = samplePapers();
    if (!first || !second) throw new Error('the sample has papers');
    const short = { ...first, id: 't:eureka' };
    const withArxiv = { ...second, arxivId: '2502.09614', id: '2502.09614' };
    expect(needsShortId(short)).toBe(false);
    expect(needsShortId(withArxiv)).toBe(false);
    expect(planShortIds([short, withArxiv], [])).toEqual({ upsert: [], remove: [], rekeys: [] });
    const plan = planShortIds([first], ['t:georef-2025']);
    expect(plan.rekeys).toEqual([{ from: first.id, to: expect.stringMatching(/^t:georef-[a-z0-9]{3}$/) }]);
    // Run again on its result: nothing left to move.
    expect(planShortIds(plan.upsert, []).rekeys).toEqual([]);
  });
});

describe('withShortIdsForNew', () => {
  it('gives new title-only papers short ids and keeps the ids of papers the library has', () => {
    const papers = samplePapers().slice(0, 3);
    const known = papers[1]?.id ?? '';
    const result = withShortIdsForNew(papers, (id) => id !== known, [known]);
    expect(result.map((paper) => paper.id)).toEqual(['t:georef-2025', known, 't:rl-consistency-2024']);
  });
});
