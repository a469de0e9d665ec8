/**
 * Honest while loading: `papershelf serve` answers as soon as its newest segment is loaded, and
 * until the older ones are in, `listPapers` and `search` say which part of the library they cover
 * (`partial: {loaded, total}`, in papers). The CLI never answers partially: it waits for the whole
 * library. Over a real server process and a library of many segments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { buildVocabulary, syntheticPapers } from '../bench/synthetic-library.ts';
import { cli } from '../cli/run-cli.ts';
import { callApi } from './http-client.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

const SEGMENTS = 36;
const PER_SEGMENT = 400;
const TOTAL = SEGMENTS * PER_SEGMENT;

interface ListAnswer {
  ok: boolean;
  value: { total: number; results: Array<{ id: string }>; partial?: { loaded: number; total: number } };
}

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'papershelf-partial-'));
  const vocabulary = buildVocabulary(4);
  const corpus = await Corpus.open(dataDir);
  for (let i = 0; i < SEGMENTS; i++) await corpus.commit({ upsert: syntheticPapers(vocabulary, i * PER_SEGMENT, PER_SEGMENT, 4), remove: [] });
  await corpus.close();
}, 600_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every answer to `op` from the moment the server listens until one covers the whole library. */
async function answersWhileLoading(server: ServeProcess, op: string, input: unknown): Promise<ListAnswer[]> {
  const answers: ListAnswer[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await callApi(server.port, server.token, op, input);
    const answer = JSON.parse(response.body) as ListAnswer;
    expect(answer.ok, response.body.slice(0, 300)).toBe(true);
    answers.push(answer);
    if (answer.value.partial === undefined) return answers;
    if (Date.now() > deadline) throw new Error(`${op} still partial after 120 s`);
  }
}

function checkProgress(answers: ListAnswer[], countOf: (answer: ListAnswer) => number): void {
  const partial = answers.filter((answer) => answer.value.partial !== undefined);
  expect(partial.length, 'answers given while loading').toBeGreaterThan(0);
  let before = 0;
  for (const answer of partial) {
    const { loaded, total } = answer.value.partial!;
    expect(total).toBe(TOTAL);
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(total);
    expect(loaded).toBeGreaterThanOrEqual(before);
    // The answer covers the papers loaded so far, and no more.
    expect(countOf(answer)).toBeLessThanOrEqual(loaded);
    before = loaded;
  }
}

describe('answers while the library loads', () => {
  it('listPapers and search say they are partial until every segment is loaded, then answer in full', async () => {
    const server = await startServe(dataDir);
    try {
      const [lists, searches] = await Promise.all([
        answersWhileLoading(server, 'listPapers', { limit: 5 }),
        answersWhileLoading(server, 'search', { query: 'model', limit: 5 }),
      ]);
      checkProgress(lists, (answer) => answer.value.total);
      checkProgress(searches, (answer) => answer.value.total);
      // The newest papers come first: the first partial list shows the newest segment's papers.
      expect(lists[0]!.value.results.length).toBe(5);
      expect(lists.at(-1)!.value.total).toBe(TOTAL);
      const full = await cli(dataDir, ['search', 'model', '--json', '--limit', '5']);
      expect(searches.at(-1)!.value.total).toBe(full.json<{ total: number }>().total);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('the CLI waits for the whole library and never says partial', async () => {
    const list = await cli(dataDir, ['list', '--json', '--limit', '3']);
    const search = await cli(dataDir, ['search', 'model', '--json', '--limit', '3']);
    for (const run of [list, search]) {
      expect(run.code, run.stderr).toBe(0);
      expect(Object.keys(run.json())).not.toContain('partial');
    }
    expect(list.json<{ total: number }>().total).toBe(TOTAL);
    expect(search.json<{ total: number }>().total).toBeGreaterThan(0);
  }, 120_000);
});
