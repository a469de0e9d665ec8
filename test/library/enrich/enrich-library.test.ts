/**
 * Enrichment through a real library in a temporary data folder: importing the sample listing page
 * gives its papers short ids and resolves the ones the stand-in arXiv knows; resolved papers move
 * to their arXiv ids with their stars, tags, status, notes and note history, and the ids they had
 * keep resolving. Offline, the papers stay queued for the next online run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carryNoteHistory } from '../../../src/library/enrich/carry-note-history.ts';
import { fetchJobsFor } from '../../../src/library/fetch-jobs.ts';
import { Library } from '../../../src/library/library.ts';
import { PapershelfError } from '../../../src/model/errors.ts';
import { PaperAliasStore } from '../../../src/store/paper-aliases.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { closedPort } from '../../helpers/replay-server.ts';
import { TestClock } from '../../sources/test-clock.ts';
import { startTitleServer, type TitleServer } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, KNOWN, SAMPLE_PAGE } from './sample-arxiv.ts';

const TOOLRL_TITLE = 'ToolRL: Reward is All Tool Learning Needs';

let server: TitleServer;
let library: Library;
let dataDir: string;

function online(url = server.url): void {
  fetchJobsFor(dataDir).environment = { env: { PAPERSHELF_ARXIV_URL: url }, clock: new TestClock(), retry: { retries: 0 } };
}

beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
  dataDir = tempDir();
  online();
  library = await Library.open(dataDir);
});
afterEach(async () => {
  await library.close();
  await server.close();
});

function ids(): string[] {
  return library.itemsForExport({}).map((item) => item.paper.id);
}

function idOf(title: string): string {
  const found = library.itemsForExport({}).find((item) => item.paper.title === title);
  if (!found) throw new Error(`no paper titled ${title}`);
  return found.paper.id;
}

function failure(run: () => unknown): PapershelfError | null {
  try {
    run();
    return null;
  } catch (error) {
    return error as PapershelfError;
  }
}

describe('enriching a library', () => {
  it('importing the listing gives its papers short ids and resolves those arXiv knows, in a handful of requests', async () => {
    const summary = await library.importText({ text: SAMPLE_PAGE });
    expect(summary).toMatchObject({ added: 59, enrichment: { asked: 59, resolved: 12, queued: 0 } });
    expect(summary.enrichment?.requests).toBeLessThanOrEqual(8);
    expect(ids()).toHaveLength(59);
    for (const arxivId of Object.values(KNOWN)) expect(ids()).toContain(arxivId);
    for (const id of ids().filter((id) => id.startsWith('t:'))) expect(id.length).toBeLessThanOrEqual(24);
    const georef = library.getPaper('2509.21050');
    expect(georef.authors).toHaveLength(9);
    expect(georef.url).toBe('https://arxiv.org/abs/2509.21050');
    // The short id the paper had is now an alias.
    expect(georef.aliases).toEqual([expect.stringMatching(/^t:georef-/)]);
    expect(library.getPaper(georef.aliases?.[0] ?? '').id).toBe('2509.21050');
    // Re-importing the page asks nothing more: every paper was asked about.
    const requests = server.requests.length;
    const again = await library.importText({ text: SAMPLE_PAGE });
    expect(again.enrichment).toMatchObject({ asked: 0, requests: 0 });
    expect(server.requests).toHaveLength(requests);
    expect(ids()).toHaveLength(59);
  });

  it('moves resolved papers to their arXiv ids with their stars, tags, status, notes and note history', async () => {
    await (await library.enrich()).setAuto(false);
    expect((await library.importText({ text: SAMPLE_PAGE })).enrichment).toMatchObject({ asked: 0 });
    expect(server.requests).toHaveLength(0);
    const toolrl = idOf(TOOLRL_TITLE);
    expect(toolrl).toMatch(/^t:toolrl-/);
    await library.annotate.setStar(toolrl, true);
    await library.annotate.addTags(toolrl, ['agents']);
    await library.annotate.setStatus(toolrl, 'reading');
    await library.annotate.setNote(toolrl, 'First thoughts.');
    await library.annotate.setNote(toolrl, 'Second thoughts.');
    const report = await library.enrichPapers();
    expect(report.resolved).toHaveLength(12);
    expect(report.ambiguous.map((a) => a.title)).toEqual(['A Survey on Post-training of Large Language Models']);
    expect(ids()).toHaveLength(59);
    expect(ids()).not.toContain(toolrl);
    const paper = library.getPaper(toolrl);
    expect(paper).toMatchObject({
      id: '2504.13958',
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
      aliases: [toolrl],
    });
    const history = library.annotate.noteHistory('2504.13958').versions.map((v) => v.text);
    expect(history).toEqual(['Second thoughts.', 'First thoughts.']);
    expect(carryNoteHistory(dataDir, toolrl, '2504.13958')).toBe(0);
    // A library opened afresh (another door) finds the paper by its old id too.
    const other = await Library.open(dataDir);
    expect(other.getPaper(toolrl)).toMatchObject({ id: '2504.13958', starred: true, note: 'Second thoughts.' });
    await other.close();
  });

  it('resolves only the papers named, by any unambiguous prefix', async () => {
    await (await library.enrich()).setAuto(false);
    await library.importText({ text: SAMPLE_PAGE });
    const report = await library.enrichPapers(['t:toolrl', 't:georef']);
    expect(report.resolved.map((r) => r.to).sort()).toEqual(['2504.13958', '2509.21050']);
    expect(report.unresolved).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const aliases = PaperAliasStore.open(dataDir);
    expect(aliases.resolve(report.resolved[0]?.from ?? '')).toBe(report.resolved[0]?.to);
    expect(library.resolveId('2504.139')).toBe('2504.13958');
    const ambiguous = failure(() => library.resolveId('t:reward'));
    expect(ambiguous?.code).toBe('bad-input');
    expect(ambiguous?.message).toMatch(/^"t:reward" could be any of \d+ papers: t:reward/);
    expect(failure(() => library.resolveId('t:nothing-like-this'))?.message).toMatch(/no paper with id "t:nothing-like-this"/);
  });

  it('offline, leaves the papers queued and resolves them on the next online run', async () => {
    online(`http://127.0.0.1:${await closedPort()}`);
    const summary = await library.importText({ text: SAMPLE_PAGE });
    expect(summary.enrichment).toMatchObject({ asked: 59, resolved: 0, queued: 59 });
    expect(summary.enrichment?.warnings[0]).toMatch(/arXiv could not be reached: 59 papers will be resolved on the next online run/);
    expect(ids().filter((id) => id.startsWith('t:'))).toHaveLength(59);
    expect((await (await library.enrich()).status()).due).toBe(59);
    online();
    const next = await (await library.enrich()).autoResolve();
    expect(next).toMatchObject({ asked: 59, resolved: 12, queued: 0 });
    expect(ids()).toContain('2504.13958');
    // Unresolved papers are not asked again the next time.
    expect((await (await library.enrich()).status()).due).toBe(0);
  });
});
