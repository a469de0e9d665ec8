/**
 * The sample listing page resolved against a stand-in arXiv on 127.0.0.1: the papers it knows are
 * completed with names and links in a handful of spaced requests; the decoy, the disagreeing and the
 * ambiguous ones are not merged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { papersToEnrich, runEnrichment } from '../../../src/library/enrich/enrich-run.ts';
import { enrichReportSchema } from '../../../src/library/enrich/enrich-schema.ts';
import { enrichReport } from '../../../src/library/enrich/plan-enrichment.ts';
import { arxivClient } from '../../../src/sources/clients.ts';
import { sourceConfig } from '../../../src/sources/source-config.ts';
import type { StoredPaper } from '../../../src/model/paper.ts';
import { SourceError } from '../../../src/sources/source-error.ts';
import { closedPort } from '../../helpers/replay-server.ts';
import { TestClock } from '../../sources/test-clock.ts';
import { startTitleServer, type TitleServer } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, DECOY_ID, KNOWN, samplePapers } from './sample-arxiv.ts';

let server: TitleServer;
let clock: TestClock;

beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
  clock = new TestClock();
});
afterEach(() => server.close());

function client() {
  return arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url }), { clock, retry: { retries: 0 } });
}

const NOW = '2026-07-16T08:00:00.000Z';

describe('enriching the sample listing page', () => {
  it('resolves every paper the server knows, with names and links, in six requests', async () => {
    const papers = samplePapers();
    expect(papers).toHaveLength(59);
    const started = clock.now();
    const wall = performance.now();
    const plan = await runEnrichment(client(), papersToEnrich(papers), () => undefined, { now: () => NOW });
    console.log(
      `sample page: ${plan.resolved.length} of ${papers.length} papers resolved in ${plan.requests} requests, ` +
        `${(clock.now() - started) / 1000} s of arXiv spacing, ${(performance.now() - wall).toFixed(0)} ms of work`,
    );
    expect(plan.requests).toBe(6);
    expect(server.requests).toHaveLength(6);
    // What `enrich --json` prints: the five keys, valid for the contract.
    const report = JSON.parse(JSON.stringify(enrichReport(plan))) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['resolved', 'unresolved', 'ambiguous', 'requests', 'warnings']);
    expect(enrichReportSchema.safeParse(report).success).toBe(true);
    expect(Object.fromEntries(plan.resolved.map((r) => [r.title, r.to]))).toEqual(KNOWN);
    expect(plan.rekeys).toEqual(plan.resolved.map((r) => ({ from: r.from, to: r.to })));
    expect(plan.remove).toEqual(plan.resolved.map((r) => r.from));
    expect(plan.upsert.map((p) => p.id).sort()).toEqual(Object.values(KNOWN).sort());
    expect(plan.unresolved).toHaveLength(59 - 12 - 1);
    expect(plan.ambiguous).toEqual([{ id: 't:a-survey-on-post-training-of-large-language-models', title: 'A Survey on Post-training of Large Language Models', candidates: ['2502.21321', '2503.06072'] }]);

    const byId = new Map(plan.upsert.map((p) => [p.id, p]));
    const geoRef = byId.get('2509.21050') as StoredPaper;
    const listing = papers.find((p) => p.title.startsWith('GeoRef')) as StoredPaper;
    expect(geoRef).toMatchObject({
      id: '2509.21050',
      arxivId: '2509.21050',
      version: 1,
      title: listing.title,
      abstract: listing.abstract,
      authors: Array.from({ length: 9 }, (_, i) => `Author${i + 1} Known`),
      authorCount: 9,
      url: 'https://arxiv.org/abs/2509.21050',
      pdfUrl: 'https://arxiv.org/pdf/2509.21050',
      categories: ['cs.LG', 'cs.AI'],
      primaryCategory: 'cs.LG',
      published: '2025-09-25',
      sources: ['hf-page', 'arxiv'],
      addedAt: listing.addedAt,
      modifiedAt: NOW,
    });
    expect(plan.resolved.find((r) => r.to === '2509.21050')?.arxivAbstract).toBe('arXiv abstract of 2509.21050.');
    // The page's upvotes stay; arXiv's dates replace the page's.
    const dexTrack = byId.get('2502.09614');
    expect(dexTrack?.upvotes).toBe(2);
    const rlcm = byId.get('2404.03673');
    expect([rlcm?.published, rlcm?.upvotes]).toEqual(['2024-04-04', 3]);
    expect(byId.get('2305.14992')).toMatchObject({ version: 2, updated: '2023-10-23', published: '2023-05-24' });
    // One author more on arXiv than the page shows is the same paper.
    expect(byId.get('2107.12808')?.authorCount).toBe(19);
  });

  it('never merges the decoy, a same-title paper that disagrees, or a look-alike', async () => {
    const plan = await runEnrichment(client(), papersToEnrich(samplePapers()), () => undefined, { now: () => NOW });
    const merged = plan.upsert.map((p) => p.id);
    for (const wrong of [DECOY_ID, '1903.00001', '2310.99002', '2301.99003', '2503.06072', '2502.21321']) expect(merged).not.toContain(wrong);
    expect(plan.resolved.find((r) => r.title === 'Language Models can Solve Computer Tasks')?.to).toBe('2303.17491');
    const reason = (title: string) => plan.unresolved.find((u) => u.title === title)?.reason;
    expect(reason('Tool-Augmented Reward Modeling')).toBe('arXiv has no paper with this title');
    expect(reason('RewardBench 2: Advancing Reward Model Evaluation')).toBe(
      'arXiv 2301.99003 has this title but it was first submitted on 2023-01-10, the listing says 2025-06-02',
    );
    expect(reason('Vision-Language Models are Zero-Shot Reward Models for Reinforcement Learning')).toBe('arXiv has no paper with this title');
  });

  it('merges into a paper the library already has under the arXiv id, keeping both sources', async () => {
    const papers = samplePapers();
    const known: StoredPaper = { ...ARXIV_STORED, id: '2504.13958', arxivId: '2504.13958' };
    const plan = await runEnrichment(client(), papersToEnrich(papers), (id) => (id === known.id ? known : undefined), { now: () => NOW });
    const toolRl = plan.upsert.find((p) => p.id === '2504.13958');
    expect(toolRl?.sources).toEqual(['arxiv', 'hf-page']);
    expect(toolRl?.addedAt).toBe(known.addedAt);
    expect(toolRl?.upvotes).toBe(3);
    expect(plan.rekeys).toContainEqual({ from: 't:toolrl-reward-is-all-tool-learning-needs', to: '2504.13958' });
    expect(plan.warnings).toEqual([expect.stringMatching(/^"ToolRL: Reward is All Tool Learning Needs" \(t:toolrl-reward-is-all-tool-learning-needs\) is 2504\.13958, already in the library/)]);
  });

  it('plans nothing when arXiv cannot be reached: the papers stay for the next online run', async () => {
    const port = await closedPort();
    const offline = arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: `http://127.0.0.1:${port}` }), { clock, retry: { retries: 0 } });
    const error = await runEnrichment(offline, papersToEnrich(samplePapers()), () => undefined).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('offline');
  });

  it('asks only about papers without an arXiv id, and only those named', () => {
    const papers = samplePapers();
    const withId = { ...papers[0], arxivId: '2509.21050', id: '2509.21050' } as StoredPaper;
    expect(papersToEnrich([withId, ...papers.slice(1)])).toHaveLength(58);
    expect(papersToEnrich(papers, new Set([papers[3]?.id ?? '']))).toEqual([papers[3]]);
  });
});

const ARXIV_STORED: StoredPaper = {
  ...samplePapers()[0],
  title: 'ToolRL: Reward is All Tool Learning Needs',
  abstract: 'arXiv abstract of 2504.13958.',
  authors: Array.from({ length: 8 }, (_, i) => `Author${i + 1} Known`),
  authorCount: 8,
  published: '2025-04-16',
  upvotes: null,
  sources: ['arxiv'],
  addedAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
} as StoredPaper;
