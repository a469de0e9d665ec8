/**
 * Enrichment through a real library in a temporary data folder: the resolved papers move to their
 * arXiv ids through the import path, their stars, tags, status, notes and note history with them,
 * and the old ids keep resolving through aliases.json and resolvePaperId.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carryNoteHistory } from '../../../src/library/enrich/carry-note-history.ts';
import { enrichmentAsImport } from '../../../src/library/enrich/enrichment-import.ts';
import { papersToEnrich, runEnrichment } from '../../../src/library/enrich/enrich-run.ts';
import { resolvePaperId, type IdSpace } from '../../../src/library/enrich/resolve-id.ts';
import { Library } from '../../../src/library/library.ts';
import { PapershelfError } from '../../../src/model/errors.ts';
import { arxivClient } from '../../../src/sources/clients.ts';
import { sourceConfig } from '../../../src/sources/source-config.ts';
import { PaperAliasStore } from '../../../src/store/paper-aliases.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { TestClock } from '../../sources/test-clock.ts';
import { startTitleServer, type TitleServer } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, SAMPLE_PAGE } from './sample-arxiv.ts';

const TOOLRL = 't:toolrl-reward-is-all-tool-learning-needs';

let server: TitleServer;
let library: Library;
let dataDir: string;

beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
  dataDir = tempDir();
  library = await Library.open(dataDir);
  await library.importText({ text: SAMPLE_PAGE });
});
afterEach(async () => {
  await library.close();
  await server.close();
});

function ids(): string[] {
  return library.itemsForExport({}).map((item) => item.paper.id);
}

async function enrich() {
  const papers = library.itemsForExport({}).map((item) => item.paper);
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const client = arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url }), { clock: new TestClock(), retry: { retries: 0 } });
  const plan = await runEnrichment(client, papersToEnrich(papers), (id) => byId.get(id));
  const { parsed, needsPlan } = enrichmentAsImport(plan, (id) => byId.has(id));
  const summary = await library.importParsed(parsed, 'arxiv');
  await PaperAliasStore.open(dataDir).record(plan.rekeys);
  for (const { from, to } of plan.rekeys) carryNoteHistory(dataDir, from, to);
  return { plan, needsPlan, summary };
}

describe('enriching a library', () => {
  it('moves resolved papers to their arXiv ids with their stars, tags, status, notes and note history', async () => {
    await library.annotate.setStar(TOOLRL, true);
    await library.annotate.addTags(TOOLRL, ['agents']);
    await library.annotate.setStatus(TOOLRL, 'reading');
    await library.annotate.setNote(TOOLRL, 'First thoughts.');
    await library.annotate.setNote(TOOLRL, 'Second thoughts.');
    const { plan, needsPlan, summary } = await enrich();
    expect(needsPlan).toEqual([]);
    expect(summary).toMatchObject({ added: 0, updated: 12 });
    expect(ids()).toHaveLength(59);
    expect(ids()).toContain('2504.13958');
    expect(ids()).not.toContain(TOOLRL);
    const paper = library.getPaper('2504.13958');
    expect(paper).toMatchObject({
      arxivId: '2504.13958',
      starred: true,
      tags: ['agents'],
      status: 'reading',
      note: 'Second thoughts.',
      authors: Array.from({ length: 8 }, (_, i) => `Author${i + 1} Known`),
      url: 'https://arxiv.org/abs/2504.13958',
      pdfUrl: 'https://arxiv.org/pdf/2504.13958',
      upvotes: 3,
      sources: ['hf-page', 'arxiv'],
    });
    const history = library.annotate.noteHistory('2504.13958').versions.map((v) => v.text);
    expect(history).toEqual(['Second thoughts.', 'First thoughts.']);
    // Carried once only, however often it runs.
    expect(carryNoteHistory(dataDir, TOOLRL, '2504.13958')).toBe(0);
    expect(library.annotate.noteHistory('2504.13958').versions).toHaveLength(2);
    expect(plan.ambiguous.map((a) => a.id)).toEqual(['t:a-survey-on-post-training-of-large-language-models']);
  });

  it('keeps every old id working through the aliases, and finds papers by prefix', async () => {
    await enrich();
    const aliases = PaperAliasStore.open(dataDir);
    const space: IdSpace = { has: (id) => ids().includes(id), resolveAlias: (id) => aliases.resolve(id), allIds: () => [...ids(), ...aliases.all().keys()] };
    expect(resolvePaperId(TOOLRL, space)).toBe('2504.13958');
    expect(resolvePaperId('t:toolrl', space)).toBe('2504.13958');
    expect(resolvePaperId('arXiv:2504.13958v2', space)).toBe('2504.13958');
    expect(resolvePaperId('2504.139', space)).toBe('2504.13958');
    expect(aliases.aliasesOf('2504.13958')).toEqual([TOOLRL]);
    const ambiguous = (() => {
      try {
        resolvePaperId('t:reward', space);
        return null;
      } catch (error) {
        return error as PapershelfError;
      }
    })();
    expect(ambiguous?.code).toBe('bad-input');
    expect(ambiguous?.message).toMatch(/^"t:reward" could be any of \d+ papers: t:reward-generalization-in-rlhf-a-topological-perspective, t:rewardanything/);
    expect(() => resolvePaperId('t:nothing-like-this', space)).toThrow(/no paper with id "t:nothing-like-this"/);
  });
});
