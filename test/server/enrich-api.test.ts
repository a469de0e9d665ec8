/**
 * The HTTP API of `papershelf serve` on a real library: an imported listing page is resolved behind
 * the import (the answer does not wait for arXiv), `enrichPapers` resolves papers named by prefix,
 * and a paper's old id keeps working in getPaper, setStar and setNote.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { Library } from '../../src/library/library.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { startTitleServer, type TitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS, SAMPLE_PAGE } from '../library/enrich/sample-arxiv.ts';
import { TestClock } from '../sources/test-clock.ts';
import { callApi } from './http-client.ts';

let arxiv: TitleServer;
let library: Library;
let server: RunningServer;

beforeEach(async () => {
  arxiv = await startTitleServer(ARXIV_PAPERS);
  const dataDir = tempDir();
  fetchJobsFor(dataDir).environment = { env: { PAPERSHELF_ARXIV_URL: arxiv.url }, clock: new TestClock(), retry: { retries: 0 } };
  library = await Library.open(dataDir, { longRunning: true });
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Papershelf</title>');
  server = await startServer({ library: { dispatch: createDispatch(library), subscribe: (listener) => library.subscribe(listener) }, staticDir });
});
afterEach(async () => {
  await server.close();
  await library.close();
  await arxiv.close();
});

async function call<T = Record<string, unknown>>(op: string, input: unknown): Promise<T> {
  const response = await callApi(server.port, server.token, op, input);
  const answer = JSON.parse(response.body) as { ok: boolean; value?: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${op}: ${answer.error?.message}`);
  return answer.value as T;
}

describe('enrichment through the HTTP API', () => {
  it('resolves an imported listing behind the import, and old ids keep working in every operation', async () => {
    const imported = await call<{ added: number; enrichment?: unknown }>('importText', { text: SAMPLE_PAGE });
    expect(imported.added).toBe(59);
    // A door that stays open answers the import at once; the resolving goes on behind it.
    expect(imported.enrichment).toBeUndefined();
    // Runs are one at a time: this one starts when the import's has finished, and finds nothing due.
    expect(await (await library.enrich()).autoResolve()).toMatchObject({ asked: 0 });
    expect(await call('enrichStatus', {})).toMatchObject({ auto: true, pending: 47, due: 0, running: null });
    const paper = await call<{ id: string; aliases: string[]; authors: string[] }>('getPaper', { id: '2504.13958' });
    expect(paper.authors).toHaveLength(8);
    const [old] = paper.aliases;
    expect(old).toMatch(/^t:toolrl-/);

    expect(await call('getPaper', { id: old })).toMatchObject({ id: '2504.13958' });
    expect(await call('setStar', { id: old, starred: true })).toMatchObject({ id: '2504.13958', starred: true });
    expect(await call('setNote', { id: old, text: 'Noted under the old id.' })).toMatchObject({ id: '2504.13958', note: 'Noted under the old id.' });
    expect(await call('getPaper', { id: '2504.139' })).toMatchObject({ id: '2504.13958', starred: true });
  });

  it('enrichPapers resolves only the papers named, and is refused for an ambiguous prefix', async () => {
    await call('enrichStatus', { auto: false });
    await call('importText', { text: SAMPLE_PAGE });
    const report = await call<{ resolved: Array<{ to: string }>; requests: number }>('enrichPapers', { ids: ['t:georef'] });
    expect(report.resolved.map((r) => r.to)).toEqual(['2509.21050']);
    expect(report.requests).toBe(1);
    const response = await callApi(server.port, server.token, 'enrichPapers', { ids: ['t:re'] });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/^"t:re" could be any of \d+ papers/) } });
  });
});
