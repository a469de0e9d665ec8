/**
 * A common title ("Reward Modeling") matches many papers: an answer that fills every result asked
 * for may hide the paper itself, so its unmatched titles are asked again one by one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runEnrichment } from '../../../src/library/enrich/enrich-run.ts';
import { arxivClient } from '../../../src/sources/clients.ts';
import { sourceConfig } from '../../../src/sources/source-config.ts';
import { TestClock } from '../../sources/test-clock.ts';
import { startTitleServer, type FakeArxivPaper, type TitleServer } from './arxiv-title-server.ts';
import { samplePapers } from './sample-arxiv.ts';

let server: TitleServer | undefined;
afterEach(() => server?.close());

const fake = (id: string, title: string): FakeArxivPaper => ({ id, title, authors: ['A One', 'B Two'], published: '2025-01-10', summary: 'x', categories: ['cs.LG'] });

describe('crowded answers', () => {
  it('asks again, alone, for a title whose answer was full of other papers', async () => {
    const crowd = Array.from({ length: 45 }, (_, i) => fake(`2501.${String(10000 + i)}`, `Reward Modeling for Task ${i}`));
    server = await startTitleServer([...crowd, fake('2501.20000', 'Reward Modeling'), fake('2501.20001', 'Quiet Paper')]);
    const [template] = samplePapers();
    if (!template) throw new Error('the sample has papers');
    const listing = (id: string, title: string) => ({ ...template, id, title, authorCount: 2, published: '2025-01-10' });
    const papers = [listing('t:reward-modeling', 'Reward Modeling'), listing('t:quiet-paper', 'Quiet Paper')];
    const client = arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url }), { clock: new TestClock(), retry: { retries: 0 } });
    const plan = await runEnrichment(client, papers, () => undefined, { perRequest: 2 });
    expect(server.requests.map((r) => [r.searchQuery, r.maxResults])).toEqual([
      ['ti:"Reward Modeling" OR ti:"Quiet Paper"', 8],
      ['ti:"Reward Modeling"', 100],
      // Crowded out of the first answer too.
      ['ti:"Quiet Paper"', 100],
    ]);
    expect(plan.requests).toBe(3);
    expect(plan.resolved.map((r) => [r.from, r.to])).toEqual([
      ['t:reward-modeling', '2501.20000'],
      ['t:quiet-paper', '2501.20001'],
    ]);
  });

  it('asks nothing more when the answers were not full', async () => {
    server = await startTitleServer([fake('2501.20001', 'Quiet Paper')]);
    const [template] = samplePapers();
    if (!template) throw new Error('the sample has papers');
    const client = arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url }), { clock: new TestClock(), retry: { retries: 0 } });
    const plan = await runEnrichment(client, [{ ...template, id: 't:unknown', title: 'Unknown Paper' }], () => undefined);
    expect(plan.requests).toBe(1);
    expect(plan.unresolved).toHaveLength(1);
  });
});
